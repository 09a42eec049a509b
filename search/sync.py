"""Keep the indices in step with the database, after commit, without ever breaking a save.

Handlers only note which documents changed; once the transaction commits, each noted document
is re-read and indexed or deleted (``indexing.sync_document``). If Elasticsearch is down or slow,
the failure is recorded in ``IndexFailure`` for ``search_index repair``, and the save succeeds.
A person's document copies their group's name, so a group's save or deletion re-syncs its people,
and so does a change of its audience (``audience_subnetworks``). A viewer's own sub-networks are
read per request (``viewer_grants``), so a change of participations re-syncs only the member's
own document (its ``networks``).
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from members.lifecycle import members_changed
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
from .client import SearchUnavailable
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
    down = None  # set once a narrowing write failed after its retries
    for document_id in sorted(pending):
        if down is not None:
            # Retrying each of a bulk lapse's hundreds of members would hold the request for
            # minutes: the rest are queued for repair at once.
            record_failure(document_id, down)
            continue
        try:
            sync_document(document_id)
        except Exception as error:  # a save must never fail because of search
            log.warning("search sync of %s failed: %s", document_id, error)
            failure = record_failure(document_id, error)
            if failure.narrowing and isinstance(error, SearchUnavailable):
                down = error
        else:
            IndexFailure.objects.filter(doc_id=document_id).delete()


def _member_changed(sender, instance, **kwargs):
    schedule(doc_id(instance))
    if isinstance(instance, GroupMember) and instance.pk is not None:
        _schedule_people_of([instance.pk])


def _group_deleting(sender, instance, **kwargs):
    """Before the deletion nulls their affiliation: its people still name the group."""
    _schedule_people_of([instance.pk])


def _schedule_people_of(group_pks) -> None:
    """Each person's document copies their group's name while the group is visible to them."""
    people = IndividualMember.objects.filter(affiliation__in=group_pks).values_list("pk", flat=True)
    for pk in people:
        schedule(doc_id(IndividualMember(pk=pk)))


def _bulk_changed(sender, model, pks, **kwargs):
    """``members.lifecycle`` wrote with ``QuerySet.update()``, which sends no ``post_save``."""
    for pk in pks:
        schedule(doc_id(model(pk=pk)))
    if model is GroupMember:
        _schedule_people_of(pks)


def _related_changed(sender, instance, **kwargs):
    """A tag or a sub-network participation changed: re-sync the member it belongs to."""
    owner = instance.member if isinstance(instance, Participation) else instance.content_object
    if owner is not None and owner.pk is not None:
        schedule(doc_id(owner))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, GroupMember | IndividualMember):
        schedule(doc_id(instance))


def _audience_changed(sender, instance, action, **kwargs):
    """Who may see the member changed: its document's audiences, and its people's copy of a
    group's name (``shared_affiliation_name``)."""
    if action.startswith("post_") and isinstance(instance, GroupMember | IndividualMember):
        schedule(doc_id(instance))
        if isinstance(instance, GroupMember):
            _schedule_people_of([instance.pk])


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
            _audience_changed,
            sender=model.audience_subnetworks.through,
            dispatch_uid=f"search-audience-{model.__name__}",
        )
    pre_delete.connect(_group_deleting, sender=GroupMember, dispatch_uid="search-group-people")
    members_changed.connect(_bulk_changed, dispatch_uid="search-bulk-members")
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
