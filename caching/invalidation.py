"""Drop every cached page when something a cached page shows has changed.

The simplest correct rule: any change to a member (or its tags, languages, areas and
sub-networks), to the vocabulary, to the site settings, and any page publish, unpublish, move,
deletion or view-restriction change empties the page cache. Members change rarely; a stale
page showing a member who was just hidden is what must never happen.

The cache is emptied twice: at once, and again after the transaction commits. The second
is what makes it correct: a request that read the old rows while the change was uncommitted
(or, for the directory, before the search index synced; ``search`` connects its handlers
first, so its on-commit sync runs before ours) must not leave its page in the fresh cache.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store

# Apps whose every non-page model may show on a cached page.
_CONTENT_APPS = ("members", "projects", "portal")


def _changed(**kwargs):
    store.invalidate()
    transaction.on_commit(store.invalidate)


def _models():
    for label in _CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, Page):
                yield model
    yield PageViewRestriction
    yield Site


def connect() -> None:
    for model in _models():
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-d")
    # Many-to-many links (a member's languages and service areas, a news page's sub-networks)
    # change without a save of either side.
    m2m_changed.connect(_links_changed, dispatch_uid="page-cache-m2m")
    page_published.connect(_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_changed, dispatch_uid="page-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-page-deleted")
    # A bulk lapse, hide or withdrawal writes with one UPDATE and sends no post_save.
    from members.lifecycle import members_changed

    members_changed.connect(_changed, dispatch_uid="page-cache-members-bulk")


def _links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and type(instance)._meta.app_label in _CONTENT_APPS:
        _changed()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _changed()
