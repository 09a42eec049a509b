"""Sub-network editors edit only their own subtree; the Secretariat approves; schedules work."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage

from members.models import SubNetwork
from members.models.privacy import SECRETARIAT_GROUP
from portal.editors import MEDIA_PERMISSIONS, TASK_NAME, WORKFLOW_NAME, editor_group_name
from portal.models import HomePage, NewsPage, SiteSettings
from tests.builders import news_index


def user_in(group_name: str, username: str):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def can(group: Group, app_label: str, codename: str) -> bool:
    return (
        group.permissions.filter(content_type__app_label=app_label, codename=codename).exists()
        or group.collection_permissions.filter(
            collection__depth=1,
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        ).exists()
    )


@pytest.mark.django_db
def test_migrations_alone_make_the_editor_groups_and_the_workflow():
    """A database with no demo content (production) has them too."""
    assert not HomePage.objects.exists()
    slugs = list(SubNetwork.objects.values_list("slug", flat=True))
    assert len(slugs) == 6
    groups = [Group.objects.get(name=SECRETARIAT_GROUP)]
    groups += [Group.objects.get(name=editor_group_name(slug)) for slug in slugs]
    for group in groups:
        assert can(group, "wagtailadmin", "access_admin"), group
        for app_label, codename in MEDIA_PERMISSIONS:
            assert can(group, app_label, codename), (group, codename)

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    assert [task.specific for task in workflow.tasks.all()] == [
        GroupApprovalTask.objects.get(name=TASK_NAME)
    ]
    task = GroupApprovalTask.objects.get(name=TASK_NAME)
    assert task.active
    assert list(task.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]


@pytest.mark.django_db
def test_seed_reuses_the_migrations_groups_and_workflow():
    from projects.seed import ensure_site_content

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.get(name=TASK_NAME)
    groups = set(Group.objects.values_list("pk", flat=True))
    ensure_site_content()
    ensure_site_content()
    assert Workflow.objects.get(name=WORKFLOW_NAME) == workflow
    assert GroupApprovalTask.objects.get(name=TASK_NAME) == task
    assert set(Group.objects.values_list("pk", flat=True)) == groups
    homes = Page.objects.type(HomePage)
    # The root too, since portal 0004: a page outside the home pages' trees has no other path.
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page", flat=True)) == {
        Page.get_first_root_node().pk,
        *(home.pk for home in homes),
    }


@pytest.mark.django_db
def test_editor_of_one_subnetwork_cannot_edit_another(site_tree):
    editor = user_in(editor_group_name("trainees"), "trainee-editor")
    for code in ["ja", "en"]:
        own = site_tree["projects/trainees"][code]
        assert own.permissions_for_user(editor).can_edit()
        assert own.permissions_for_user(editor).can_add_subpage()
        assert not own.permissions_for_user(editor).can_publish()
        assert site_tree["projects/trainees/news"][code].permissions_for_user(editor).can_edit()
        for other in ["projects/immigration-law", "projects/women", "about", "news", "home"]:
            assert not site_tree[other][code].permissions_for_user(editor).can_edit(), other


@pytest.mark.django_db
def test_editor_cannot_open_another_subnetworks_edit_view(client, site_tree):
    client.force_login(user_in(editor_group_name("trainees"), "trainee-editor"))
    own = site_tree["projects/trainees"]["ja"]
    other = site_tree["projects/women"]["ja"]
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in {302, 403}


def news_form(slug: str) -> dict:
    """The admin's create form for a news page, as the editor's browser posts it."""
    return {
        "title": "技能実習生の声明（編集者）",
        "slug": slug,
        "kind": "statement",
        "date": "2026-11-01",
        "summary": "編集者が書いた声明",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-submit": "1",
    }


@pytest.mark.django_db
def test_submitted_news_is_published_when_the_secretariat_approves(client, site_tree):
    editor = user_in(editor_group_name("trainees"), "trainee-editor")
    secretary = user_in(SECRETARIAT_GROUP, "secretary")
    client.force_login(editor)

    own, other = site_tree["projects/trainees"]["ja"], site_tree["projects/women"]["ja"]
    client.post(f"/admin/pages/add/portal/newspage/{other.pk}/", news_form("elsewhere"))
    assert not NewsPage.objects.filter(slug="elsewhere").exists()
    response = client.post(f"/admin/pages/add/portal/newspage/{own.pk}/", news_form("submitted"))
    assert response.status_code == 302

    draft = NewsPage.objects.get(slug="submitted")
    assert not draft.live
    state = draft.current_workflow_state
    assert state is not None and state.workflow.name == "Secretariat approval"
    task_state = draft.current_workflow_task_state
    # The editor cannot approve their own work; the Secretariat can.
    task = task_state.task.specific
    assert task.get_actions(draft, editor) == []
    assert "approve" in {name for name, _label, _modal in task.get_actions(draft, secretary)}
    assert "技能実習生の声明（編集者）" not in client.get(own.url).content.decode()

    task_state.approve(user=secretary)
    draft.refresh_from_db()
    assert draft.live
    assert draft.current_workflow_state is None
    client.logout()
    assert "技能実習生の声明（編集者）" in client.get(own.url).content.decode()


@pytest.mark.django_db
def test_scheduled_page_goes_live_only_when_its_time_comes(home_pages, monkeypatch):
    parent = news_index(home_pages["ja"])
    page = NewsPage(title="予約公開の声明", slug="scheduled", kind="statement", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    # Three hours later, when the scheduler runs again.
    later = timezone.now() + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_site_settings_fill_the_footer(client, home_pages):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text_ja = "誰も排除しない社会"
    settings.footer_text_en = "A society that excludes no one"
    settings.contact_email = "office@smj.example"
    settings.x_url = "https://x.com/smj_example"
    settings.save()
    html = client.get("/en/").content.decode()
    footer = html.split("<footer")[1]
    assert "mailto:office@smj.example" in footer
    assert "https://x.com/smj_example" in footer
    assert "A society that excludes no one" in footer
    assert "誰も排除しない社会" in client.get("/").content.decode().split("<footer")[1]
