"""Writing to Elasticsearch: one document, a deletion, or a full rebuild with an alias swap.

Readers and writers only ever use the alias (``<prefix>-members``, ``<prefix>-pages``). A rebuild
fills a new concrete index and then moves the alias in one atomic ``_aliases`` call, so search
never sees an empty or half-built index.
"""

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Model, Prefetch
from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk
from wagtail.models import Page

from members.models import (
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Prefecture,
)
from portal.visibility import visible_pages

from .client import BULK_TIMEOUT, breaker, get_client
from .documents import alias_name, index_body
from .models import IndexFailure
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
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def has_kuromoji() -> bool:
    nodes = breaker.call(lambda es: es.nodes.info(metric="plugins"))["nodes"].values()
    return all(
        any(p["name"] == "analysis-kuromoji" for p in node.get("plugins", [])) for node in nodes
    )


def indexable_members() -> Iterator[GroupMember | IndividualMember]:
    for model, participation in (
        (GroupMember, GroupParticipation),
        (IndividualMember, IndividualParticipation),
    ):
        related = ["prefecture__region"] + (["affiliation"] if model is IndividualMember else [])
        members = model.objects.listed().filter(visibility__in=INDEXED_VISIBILITY)
        # Plain lists (to_attr): the serializer then builds no queryset per document.
        lists = [
            Prefetch("fields", to_attr="fields_list"),
            Prefetch("languages", to_attr="languages_list"),
            Prefetch(
                "participations",
                queryset=participation.objects.select_related("subnetwork"),
                to_attr="participations_list",
            ),
        ]
        if model is GroupMember:
            lists.append(
                Prefetch(
                    "service_prefectures",
                    queryset=Prefecture.objects.select_related("region"),
                    to_attr="service_prefectures_list",
                )
            )
        yield from members.select_related(*related).prefetch_related(*lists)


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
    """Fill a new concrete index of ``kind`` and swap the alias onto it atomically."""
    source, serialize = SOURCES[kind]
    alias = alias_name(kind)
    index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    es = get_client().options(request_timeout=BULK_TIMEOUT)
    es.indices.create(index=index, **index_body(kind, has_kuromoji=has_kuromoji()))
    started_at = timezone.now()
    started = time.perf_counter()
    items = objects if objects is not None else source()
    if progress is not None:
        items = progress(items)
    actions = ({"_index": index, "_id": doc_id(obj), "_source": serialize(obj)} for obj in items)
    count, _errors = bulk(es, actions, chunk_size=1000, refresh=False)
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
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    # The new index was read from the database after these failures: they are resolved.
    resolved = [
        failure.pk
        for failure in IndexFailure.objects.filter(last_failed_at__lt=started_at)
        if index_kind(failure.doc_id) == kind
    ]
    IndexFailure.objects.filter(pk__in=resolved).delete()
    return RebuildResult(kind=kind, index=index, count=count, seconds=seconds)


def load(document_id: str) -> Model | None:
    """The live object behind a document id, or None when it no longer exists."""
    kind, _, pk = document_id.partition("-")
    model = {"group": GroupMember, "individual": IndividualMember, "page": Page}[kind]
    obj = model.objects.filter(pk=pk).first()
    return obj.specific if isinstance(obj, Page) else obj


def sync_document(document_id: str) -> str:
    """Make the index agree with the database for one document: index it or delete it.

    Returns "indexed" or "deleted"; raises SearchUnavailable when the server cannot be reached.
    """
    obj = load(document_id)
    kind = index_kind(document_id)
    alias = alias_name(kind)
    if obj is not None and (
        page_is_indexable(obj) if kind == "pages" else member_is_indexable(obj)
    ):
        body = SOURCES[kind][1](obj)
        # refresh=True: an edit (above all, hiding a member) shows in the very next search.
        # Single edits are rare, so the cost of a refresh per write is small.
        breaker.call(lambda es: es.index(index=alias, id=document_id, document=body, refresh=True))
        return "indexed"

    def delete(es):
        with contextlib.suppress(NotFoundError):
            es.delete(index=alias, id=document_id, refresh=True)

    breaker.call(delete)
    return "deleted"


def record_failure(document_id: str, error: Exception) -> None:
    failure, created = IndexFailure.objects.get_or_create(
        doc_id=document_id, defaults={"error": str(error)[:2000]}
    )
    if not created:
        failure.attempts += 1
        failure.error = str(error)[:2000]
        failure.save(update_fields=["attempts", "error", "last_failed_at"])


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
