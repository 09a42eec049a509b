"""Who may edit what: a Wagtail group per sub-network and the Secretariat's approval workflow.

Sub-network editors may add and change pages below their own sub-network page (in every
language) but not publish them: publishing goes through the Secretariat's approval task.

The groups, their admin and media rights, the task and the workflow are made by migration
``portal.0003_editor_groups_and_workflow`` on every database. What needs pages (rights on a
subtree, the workflow's place in the tree) is added here once the pages exist; the functions
get or create by name, so they reuse the migration's rows and may run again at any time.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from members.models.privacy import SECRETARIAT_GROUP

WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Secretariat review"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
SECRETARIAT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def editor_group_name(subnetwork_slug: str) -> str:
    return f"Editors: {subnetwork_slug}"


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant_admin_and_media(group: Group) -> None:
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def _grant_pages(group: Group, pages, codenames) -> None:
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(codename)
            )


@transaction.atomic
def ensure_subnetwork_editors(*, subnetwork_page: Page) -> Group:
    """The editor group of one sub-network, with rights on that page's subtree in every locale."""
    group, _ = Group.objects.get_or_create(
        name=editor_group_name(subnetwork_page.specific.subnetwork.slug)
    )
    _grant_admin_and_media(group)
    _grant_pages(group, subnetwork_page.get_translations(inclusive=True), EDITOR_PAGE_PERMISSIONS)
    return group


@transaction.atomic
def ensure_secretariat_workflow(*, home_pages) -> Workflow:
    """The Secretariat group, its rights on each language tree, and the approval workflow that
    every page below the home pages goes through."""
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    _grant_admin_and_media(secretariat)
    _grant_pages(secretariat, home_pages, SECRETARIAT_PAGE_PERMISSIONS)

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(secretariat)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # Through the table itself: the cluster relation's create() only queues the row in memory.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in home_pages:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
