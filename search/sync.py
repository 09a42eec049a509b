"""Keep the indices in step with the database, after commit, without ever breaking a save.

Handlers only note which documents changed; once the transaction commits, each noted document
is re-read and indexed or deleted (``indexing.sync_document``). If Elasticsearch is down or slow,
the failure is recorded in ``IndexFailure`` for ``search_index repair``, and the save succeeds.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from members.models import (
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Language,
    Participation,
    Prefecture,
    Region,
    TaggedGroupField,
    TaggedIndividualField,
)

from . import understanding
from .indexing import record_failure, sync_document
from .models import IndexFailure
from .serializers import doc_id

log = logging.getLogger(__name__)
_state = threading.local()


def schedule(document_id: str) -> None:
    """Sync ``document_id`` once the current transaction commits (at once in autocommit).

    Every call registers a callback, but the first one to run syncs everything pending and the
    rest find nothing left: one flush per transaction, whatever savepoints or rollbacks did.
    A rolled-back change may still be synced later; syncing reads the database, so that is safe.
    """
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = set()
    pending.add(document_id)
    transaction.on_commit(flush)


def flush() -> None:
    pending, _state.pending = getattr(_state, "pending", None) or set(), set()
    for document_id in sorted(pending):
        try:
            sync_document(document_id)
        except Exception as error:  # a save must never fail because of search
            log.warning("search sync of %s failed: %s", document_id, error)
            record_failure(document_id, error)
        else:
            IndexFailure.objects.filter(doc_id=document_id).delete()


def _member_changed(sender, instance, **kwargs):
    schedule(doc_id(instance))


def _related_changed(sender, instance, **kwargs):
    """A tag or a sub-network participation changed: re-sync the member it belongs to."""
    owner = instance.member if isinstance(instance, Participation) else instance.content_object
    if owner is not None and owner.pk is not None:
        schedule(doc_id(owner))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, GroupMember | IndividualMember):
        schedule(doc_id(instance))


def _page_changed(sender, instance, **kwargs):
    schedule(doc_id(instance))


def _page_tree_changed(sender, instance, **kwargs):
    """Moves and view restrictions change every page below, so re-sync the subtree."""
    page = instance.page if isinstance(instance, PageViewRestriction) else instance
    for descendant in Page.objects.descendant_of(page, inclusive=True).only("pk"):
        schedule(doc_id(descendant))


def _vocabulary_changed(sender, **kwargs):
    understanding.forget_lexicon()


def connect() -> None:
    # The search box's vocabulary (names and synonyms) follows the admin's edits.
    for model in (Region, Prefecture, FieldTag, Language):
        for signal in (post_save, post_delete):
            signal.connect(
                _vocabulary_changed, sender=model, dispatch_uid=f"search-words-{model.__name__}"
            )
    for model in (GroupMember, IndividualMember):
        post_save.connect(_member_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _member_changed, sender=model, dispatch_uid=f"search-d-{model.__name__}"
        )
        m2m_changed.connect(
            _m2m_changed, sender=model.languages.through, dispatch_uid=f"search-l-{model.__name__}"
        )
    m2m_changed.connect(
        _m2m_changed, sender=GroupMember.service_prefectures.through, dispatch_uid="search-area"
    )
    for model in (
        TaggedGroupField,
        TaggedIndividualField,
        GroupParticipation,
        IndividualParticipation,
    ):
        post_save.connect(_related_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _related_changed, sender=model, dispatch_uid=f"search-d-{model.__name__}"
        )
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_deleted, dispatch_uid="search-page-deleted")
    post_page_move.connect(_page_tree_changed, dispatch_uid="search-page-moved")
    post_save.connect(_page_tree_changed, sender=PageViewRestriction, dispatch_uid="search-pvr")
    post_delete.connect(_page_tree_changed, sender=PageViewRestriction, dispatch_uid="search-pvr-d")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule(doc_id(instance))
