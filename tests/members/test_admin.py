import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember

pytestmark = pytest.mark.django_db

SECRETS = ("secret-public-group@example.org", "03-1111-0001")


def url(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_members_{model}:{view}", args=args)


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def test_directory_editor_lists_and_edits_without_contacts(editor_client, directory):
    group = directory["public_group"]
    listing = editor_client.get(url("groupmember", "list"))
    assert listing.status_code == 200
    assert "事務局限定の会" in body(listing)  # editors maintain every record
    for response in (
        listing,
        editor_client.get(url("groupmember", "edit", group.pk)),
        editor_client.get(url("groupmember", "inspect", group.pk)),
        editor_client.get(url("groupmember", "list") + "?export=csv"),
    ):
        assert response.status_code == 200
        html = body(response)
        for secret in SECRETS:
            assert secret not in html
    assert 'name="contact_email"' not in body(
        editor_client.get(url("groupmember", "edit", group.pk))
    )


def test_directory_editor_export_has_no_contacts_in_xlsx(editor_client, directory):
    from io import BytesIO

    from openpyxl import load_workbook

    response = editor_client.get(url("individualmember", "list") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = [str(c) for row in sheet.values for c in row]
    assert "secret-hanako@example.org" not in cells
    assert "田中 花子" in cells


def test_secretariat_sees_contacts_everywhere(secretariat_client, directory):
    group = directory["public_group"]
    for response in (
        secretariat_client.get(url("groupmember", "edit", group.pk)),
        secretariat_client.get(url("groupmember", "inspect", group.pk)),
        secretariat_client.get(url("groupmember", "list") + "?export=csv"),
    ):
        assert response.status_code == 200
        html = body(response)
        for secret in SECRETS:
            assert secret in html


def _group_form(group, **changes) -> dict:
    data = {
        "name": group.name,
        "kana": group.kana,
        "name_en": group.name_en,
        "slug": group.slug,
        "member_number": group.member_number,
        "status": group.status,
        "prefecture": group.prefecture_id,
        "municipality": group.municipality,
        "fields": "",
        "description_ja": group.description_ja,
        "description_en": group.description_en,
        "visibility": group.visibility,
        "consent_tier": group.consent_tier,
        "consent_given_at": group.consent_given_at.strftime("%Y-%m-%d %H:%M"),
        "participations": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("user", "live_name", "contact_email"),
    [
        # The editor's form has no contact fields: a posted value is ignored, not saved. The
        # editor may not publish either: asking to is saving a draft for the secretariat.
        ("editor_user", "公開の会", "secret-public-group@example.org"),
        ("secretariat_user", "改名した会", "new@example.org"),
    ],
)
def test_only_the_secretariat_publishes_and_changes_contacts(
    request, client, directory, user, live_name, contact_email
):
    client.force_login(request.getfixturevalue(user))
    group = directory["public_group"]
    response = client.post(
        url("groupmember", "edit", group.pk),
        _group_form(
            group,
            name="改名した会",
            contact_email="new@example.org",
            contact_visibility="secretariat",
            postal_visibility="secretariat",
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, body(response)
    group.refresh_from_db()
    assert group.name == live_name
    draft = group.get_latest_revision_as_object()
    assert draft.name == "改名した会"
    assert draft.contact_email == contact_email
    # Wagtail's history log records the edit.
    assert ModelLogEntry.objects.filter(object_id=str(group.pk), action="wagtail.edit").exists()


def test_listing_filters(secretariat_client, directory):
    GroupMemberFactory(name="愛知の会", prefecture__code="23", fields=["refugees"])
    chubu = GroupMember.objects.get(name="愛知の会").prefecture.region_id
    html = body(secretariat_client.get(url("groupmember", "list") + f"?region={chubu}"))
    assert "愛知の会" in html
    assert "公開の会" not in html
    html = body(secretariat_client.get(url("groupmember", "list") + "?visibility=members"))
    assert "会員限定の会" in html
    assert "公開の会" not in html
    html = body(secretariat_client.get(url("groupmember", "list") + "?listed=false"))
    assert "撤回した会" in html
    assert "公開の会" not in html
    for spelling in ("こうかい", "コウカイ", "koukai", "公開"):
        html = body(secretariat_client.get(url("groupmember", "list") + f"?q={spelling}"))
        assert "公開の会" in html
        assert "会員限定の会" not in html


def test_filtered_export_exports_the_filtered_rows(secretariat_client, directory):
    IndividualMemberFactory(name="山田 太郎", kana="やまだ たろう", fields=["refugees"])
    from members.models import FieldTag

    refugees = FieldTag.objects.get(slug="refugees").pk
    csv_text = body(
        secretariat_client.get(url("individualmember", "list") + f"?field={refugees}&export=csv")
    )
    assert "山田 太郎" in csv_text
    assert "田中 花子" not in csv_text


def test_network_members_and_anonymous_have_no_admin(client, member_user):
    assert client.get(url("groupmember", "list")).status_code == 302
    client.force_login(member_user)
    assert client.get(url("groupmember", "list")).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_only_the_secretariat_links_user_accounts(editor_client, secretariat_user, directory):
    person = directory["person"]
    edit = url("individualmember", "edit", person.pk)
    assert 'name="user"' not in body(editor_client.get(edit))
    editor_client.force_login(secretariat_user)
    assert 'name="user"' in body(editor_client.get(edit))


def test_directory_menu_is_in_the_admin(editor_client):
    html = body(editor_client.get("/admin/"))
    assert url("groupmember", "list") in html
    assert url("individualmember", "list") in html
