"""Writing to Elasticsearch: one document, a deletion, or a full rebuild with an alias swap.

Readers and writers only ever use the alias (``<prefix>-members``, ``<prefix>-pages``). A rebuild
fills a new concrete index and then moves the alias in one atomic ``_aliases`` call, so search
never sees an empty or half-built index.
"""

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import BulkIndexError
from wagtail.models import Page

from members.models import (
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Language,
    Prefecture,
    SubNetwork,
    TaggedGroupField,
    TaggedIndividualField,
)
from portal.visibility import visible_pages

from .client import BULK_TIMEOUT, breaker, get_client
from .documents import alias_name, index_body
from .models import IndexFailure, RebuildResync, RebuildRun
from .serializers import (
    INDEXED_VISIBILITY,
    doc_id,
    index_kind,
    indexed_visibility,
    member_document,
    member_is_indexable,
    page_document,
    page_is_indexable,
)

KINDS = ("members", "pages")


@dataclass
class RebuildResult:
    kind: str
    index: str
    count: int
    seconds: float  # from the first database read to the alias swap
    resynced: int = 0  # documents synced during the load, synced again after the swap
    phases: dict[str, float] = field(default_factory=dict)  # seconds, for the benchmark

    @property
    def docs_per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class ServerTraits:
    has_kuromoji: bool
    data_nodes: int


def server_traits() -> ServerTraits:
    """What a new index adapts to: analysis-kuromoji on every node, and how many data nodes."""
    # Not through the breaker: a rebuild is an operator's command, not a web request, and may
    # wait for a busy server that briefly failed someone else's one-second request.
    es = get_client().options(request_timeout=BULK_TIMEOUT)
    nodes = list(es.nodes.info(metric="plugins")["nodes"].values())
    kuromoji = all(
        any(p["name"] == "analysis-kuromoji" for p in node.get("plugins", [])) for node in nodes
    )
    data = [n for n in nodes if not n.get("roles") or any(r.startswith("data") for r in n["roles"])]
    return ServerTraits(has_kuromoji=kuromoji, data_nodes=len(data))


def has_kuromoji() -> bool:
    return server_traits().has_kuromoji


# Rows fetched per database round trip; related rows are read once per chunk.
CHUNK = 2000


def _chunks(queryset, size: int = CHUNK) -> Iterator[list]:
    batch: list = []
    for obj in queryset.iterator(chunk_size=size):
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pairs(queryset, owner: str, target: str) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for owner_id, target_id in queryset.values_list(owner, target):
        grouped.setdefault(owner_id, []).append(target_id)
    return grouped


def indexable_members() -> Iterator[GroupMember | IndividualMember]:
    """Every indexable member, with its relations attached as plain lists (``<name>_list``).

    Fast at 100× the demo data: members are read in chunks, and each chunk's tags, languages,
    sub-networks and service areas are read as id pairs and point at one shared instance per
    prefecture, tag, language and sub-network, instead of a model instance per link."""
    prefectures = {p.pk: p for p in Prefecture.objects.select_related("region")}
    tags = {t.pk: t for t in FieldTag.objects.all()}
    languages = {x.pk: x for x in Language.objects.all()}
    subnetworks = {n.pk: n for n in SubNetwork.objects.all()}
    for model, tagged, participation, member_field in (
        (GroupMember, TaggedGroupField, GroupParticipation, "group"),
        (IndividualMember, TaggedIndividualField, IndividualParticipation, "individual"),
    ):
        members = model.objects.listed().filter(visibility__in=INDEXED_VISIBILITY).order_by("pk")
        through = model.languages.through
        own = model._meta.model_name
        for batch in _chunks(members):
            ids = [m.pk for m in batch]
            field_ids = _pairs(
                tagged.objects.filter(content_object_id__in=ids), "content_object_id", "tag_id"
            )
            language_ids = _pairs(
                through.objects.filter(**{f"{own}_id__in": ids}), f"{own}_id", "language_id"
            )
            participations: dict[int, list] = {}
            for link in participation.objects.filter(**{f"{member_field}_id__in": ids}):
                link.subnetwork = subnetworks[link.subnetwork_id]
                participations.setdefault(getattr(link, f"{member_field}_id"), []).append(link)
            if model is GroupMember:
                area_ids = _pairs(
                    model.service_prefectures.through.objects.filter(groupmember_id__in=ids),
                    "groupmember_id",
                    "prefecture_id",
                )
            else:
                affiliation_ids = {m.affiliation_id for m in batch} - {None}
                affiliations = GroupMember.objects.in_bulk(affiliation_ids)
            for member in batch:
                member.prefecture = prefectures.get(member.prefecture_id)
                member.fields_list = [tags[t] for t in field_ids.get(member.pk, [])]
                member.languages_list = [languages[x] for x in language_ids.get(member.pk, [])]
                member.participations_list = participations.get(member.pk, [])
                if model is GroupMember:
                    member.service_prefectures_list = [
                        prefectures[x] for x in area_ids.get(member.pk, [])
                    ]
                else:
                    member.affiliation = affiliations.get(member.affiliation_id)
                yield member


def indexable_pages() -> Iterator[Page]:
    yield from visible_pages(Page.objects.filter(depth__gt=1)).specific().select_related("locale")


SOURCES: dict[str, tuple[Callable[[], Iterable], Callable[[Model], dict]]] = {
    "members": (indexable_members, member_document),
    "pages": (indexable_pages, page_document),
}


def ensure_indices() -> None:
    """Create any missing alias (with an empty index) so reads and single writes work."""
    for kind in KINDS:
        if not breaker.call(lambda es, kind=kind: es.indices.exists_alias(name=alias_name(kind))):
            rebuild(kind, objects=[])


def rebuild(kind: str, *, objects: Iterable | None = None, progress=None) -> RebuildResult:
    """Fill a new concrete index of ``kind`` and swap the alias onto it atomically.

    The load runs with refresh off and no replicas, and the documents go out in concurrent
    bulk requests while the next ones are read and serialized. Replicas are restored before the
    swap (a cluster never serves an index without its copy); the refresh interval after it, as
    the explicit refresh has made every document searchable already. Single-document syncs that
    happen meanwhile are noted (``RebuildRun``) and synced again after the swap, so none of them
    is lost with the old index."""
    source, serialize = SOURCES[kind]
    alias = alias_name(kind)
    index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    es = get_client().options(request_timeout=BULK_TIMEOUT)
    traits = server_traits()
    body = index_body(kind, has_kuromoji=traits.has_kuromoji, data_nodes=traits.data_nodes)
    replicas = body["settings"]["number_of_replicas"]
    body["settings"] |= {"number_of_replicas": 0, "refresh_interval": "-1"}
    es.indices.create(index=index, **body)
    run = RebuildRun.objects.create(kind=kind)
    phases: dict[str, float] = {}
    try:
        started_at = run.started_at
        started = time.perf_counter()
        items = objects if objects is not None else source()
        if progress is not None:
            items = progress(items)
        count = _load(es, index, ((doc_id(obj), serialize(obj)) for obj in items))
        phases["load"] = time.perf_counter() - started
        if replicas:
            es.indices.put_settings(index=index, settings={"number_of_replicas": replicas})
        es.indices.refresh(index=index)
        try:
            old = list(es.indices.get_alias(name=alias).keys())
        except NotFoundError:
            old = []
        es.indices.update_aliases(
            actions=[
                *({"remove": {"index": name, "alias": alias}} for name in old),
                {"add": {"index": index, "alias": alias, "is_write_index": True}},
            ]
        )
        seconds = time.perf_counter() - started  # first database read to alias swap (issue 12)
        phases["refresh and swap"] = seconds - phases["load"]
        es.indices.put_settings(index=index, settings={"refresh_interval": None})
        for name in old:
            es.indices.delete(index=name, ignore_unavailable=True)
        resynced = _resync_noted(run)
        phases["after the swap"] = time.perf_counter() - started - seconds
    finally:
        _end(run)
    # The new index was read from the database after these failures: they are resolved.
    resolved = [
        failure.pk
        for failure in IndexFailure.objects.filter(last_failed_at__lt=started_at)
        if index_kind(failure.doc_id) == kind
    ]
    IndexFailure.objects.filter(pk__in=resolved).delete()
    return RebuildResult(
        kind=kind, index=index, count=count, seconds=seconds, resynced=resynced, phases=phases
    )


BULK_CHUNK = 500  # documents per bulk request
IN_FLIGHT = 2  # bulk requests the server works on while the next chunk is read and serialized


def _load(es, index: str, documents: Iterator[tuple[str, dict]]) -> int:
    """Bulk-index ``(id, source)`` pairs into ``index``; returns how many were indexed.

    Reading and serializing stay on this thread (Django's connection, and in tests its
    transaction, belong to it); only the HTTP requests go to worker threads."""
    count = 0
    in_flight: deque[Future] = deque()

    def send(operations: list[dict]) -> int:
        response = es.bulk(operations=operations, refresh=False)
        if response["errors"]:
            failed = [i for i in response["items"] if i["index"].get("error")]
            raise BulkIndexError(f"{len(failed)} document(s) failed to index", failed)
        return len(response["items"])

    with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="bulk") as pool:
        operations: list[dict] = []
        for document_id, source in documents:
            operations += [{"index": {"_index": index, "_id": document_id}}, source]
            if len(operations) >= 2 * BULK_CHUNK:
                if len(in_flight) >= IN_FLIGHT:
                    count += in_flight.popleft().result()
                in_flight.append(pool.submit(send, operations))
                operations = []
        if operations:
            in_flight.append(pool.submit(send, operations))
        while in_flight:
            count += in_flight.popleft().result()
    return count


def _resync_noted(run: RebuildRun) -> int:
    """Sync again, now into the new index, every document synced while ``run`` was loading."""
    noted = sorted(set(run.resyncs.values_list("doc_id", flat=True)))
    for document_id in noted:
        try:
            sync_document(document_id)
        except Exception as error:  # recorded for repair, as a sync after a save would be
            record_failure(document_id, error)
        else:
            IndexFailure.objects.filter(doc_id=document_id).delete()
    return len(noted)


def _end(run: RebuildRun) -> None:
    """Delete ``run`` and its notes. An editor may note a document for it in between (after the
    swap, so that write reached the new index itself): the foreign key then refuses the
    delete, and it is tried again."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                RebuildResync.objects.filter(run=run).delete()
                RebuildRun.objects.filter(pk=run.pk).delete()
            return
        except IntegrityError:
            if attempt == 4:
                raise


def _note_for_rebuilds(document_id: str) -> None:
    """Note the document for every running rebuild of its kind (see ``RebuildRun``)."""
    runs = RebuildRun.objects.filter(kind=index_kind(document_id)).values_list("pk", flat=True)
    notes = [RebuildResync(run_id=pk, doc_id=document_id) for pk in runs]
    if notes:
        # A run that finished in between has swapped already: this write reaches the new index.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            RebuildResync.objects.bulk_create(notes)


def load(document_id: str) -> Model | None:
    """The live object behind a document id, or None when it no longer exists."""
    kind, _, pk = document_id.partition("-")
    model = {"group": GroupMember, "individual": IndividualMember, "page": Page}[kind]
    obj = model.objects.filter(pk=pk).first()
    return obj.specific if isinstance(obj, Page) else obj


def narrows(document_id: str) -> bool:
    """Whether syncing ``document_id`` may take something away from what a viewer can find:
    every deletion, and every member write (a narrower tier, or a group's name no longer
    copied into a person's text); those go past an open breaker and are repaired first."""
    if index_kind(document_id) == "members":
        return True
    page = load(document_id)
    return page is None or not page_is_indexable(page)


def sync_document(document_id: str) -> str:
    """Make the index agree with the database for one document: index it or delete it.

    Returns "indexed" or "deleted"; raises SearchUnavailable when the server cannot be reached.
    """
    # Before the write: a rebuild that is loading re-syncs it after its swap.
    _note_for_rebuilds(document_id)
    obj = load(document_id)
    kind = index_kind(document_id)
    alias = alias_name(kind)
    if obj is not None and (
        page_is_indexable(obj) if kind == "pages" else member_is_indexable(obj)
    ):
        body = SOURCES[kind][1](obj)
        send = breaker.insist if kind == "members" else breaker.call
        # refresh=True: an edit (above all, hiding a member) shows in the very next search.
        # Single edits are rare, so the cost of a refresh per write is small.
        send(lambda es: _index_one(es, alias, document_id, body))
        return "indexed"

    def delete(es):
        with contextlib.suppress(NotFoundError):
            es.delete(index=alias, id=document_id, refresh=True)

    breaker.insist(delete)
    return "deleted"


def _index_one(es, alias: str, document_id: str, body: dict) -> None:
    try:
        es.index(index=alias, id=document_id, document=body, refresh=True)
    except NotFoundError:
        # The alias pointed at an index that a rebuild deleted right after its swap: once more,
        # now resolved to the new index.
        es.index(index=alias, id=document_id, document=body, refresh=True)


def record_failure(document_id: str, error: Exception) -> IndexFailure:
    failure, created = IndexFailure.objects.get_or_create(
        doc_id=document_id,
        defaults={"error": str(error)[:2000], "narrowing": narrows(document_id)},
    )
    if not created:
        failure.attempts += 1
        failure.error = str(error)[:2000]
        failure.narrowing = failure.narrowing or narrows(document_id)
        failure.save(update_fields=["attempts", "error", "narrowing", "last_failed_at"])
    return failure


def indexed_ids(kind: str) -> set[str]:
    from elasticsearch.helpers import scan

    es = get_client().options(request_timeout=BULK_TIMEOUT)
    hits = scan(es, index=alias_name(kind), query={"query": {"match_all": {}}}, _source=False)
    return {hit["_id"] for hit in hits}


def expected_documents(kind: str) -> dict[str, str]:
    """Document id → tier (members) or locale (pages) of everything that should be indexed,
    keyed exactly as the serializer stores it, in one pass over the database."""
    if kind == "members":
        return {doc_id(obj): indexed_visibility(obj) for obj in SOURCES[kind][0]()}
    return {doc_id(obj): obj.locale.language_code for obj in SOURCES[kind][0]()}


def tier_counts(kind: str) -> dict[str, int]:
    """Indexed documents per visibility tier (members) or per locale (pages)."""
    field = "visibility" if kind == "members" else "locale"
    response = breaker.call(
        lambda es: es.options(request_timeout=BULK_TIMEOUT).search(
            index=alias_name(kind), size=0, aggs={"t": {"terms": {"field": field, "size": 50}}}
        )
    )
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["t"]["buckets"]}
