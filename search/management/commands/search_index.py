import logging
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError
from tqdm import tqdm

from search.client import SearchUnavailable, breaker
from search.indexing import (
    KINDS,
    ensure_indices,
    expected_documents,
    indexed_ids,
    rebuild,
    record_failure,
    sync_document,
    tier_counts,
)
from search.models import IndexFailure

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Rebuild the search indices, report drift against the database, or repair it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "repair"])
        parser.add_argument("--kind", choices=KINDS, action="append", help="default: all")

    def handle(self, *args, action, kind, **options):
        breaker.reset()
        try:
            getattr(self, action)(kind or list(KINDS))
        except (SearchUnavailable, TransportError, ApiError) as error:
            raise CommandError(str(error)) from None
        finally:
            if action != "rebuild":
                self.alert()

    def alert(self):
        """Repair runs from cron: what it could not fix for long is an error somebody must see
        (the log here, the admin's banner in ``search.wagtail_hooks``)."""
        overdue = IndexFailure.objects.overdue()
        if overdue.exists():
            log.error(
                "%d search index syncs (%d of them hiding members or pages) have failed for "
                "more than %d minutes; the oldest: %s",
                overdue.count(),
                overdue.filter(narrowing=True).count(),
                settings.SEARCH_FAILURE_ALERT_MINUTES,
                overdue.first(),
            )

    def rebuild(self, kinds):
        for kind in kinds:
            result = rebuild(
                kind,
                progress=lambda items, kind=kind: tqdm(
                    items, desc=f"indexing {kind}", unit="doc", disable=None
                ),
            )
            self.stdout.write(
                f"{kind}: {result.count} docs into {result.index} in {result.seconds:.2f}s "
                f"({result.docs_per_second:,.0f} docs/s)"
            )

    def status(self, kinds):
        ensure_indices()
        drift = False
        for kind in kinds:
            documents = expected_documents(kind)
            expected, actual = Counter(documents.values()), tier_counts(kind)
            for key in sorted(set(expected) | set(actual)):
                ok = expected.get(key, 0) == actual.get(key, 0)
                drift |= not ok
                self.stdout.write(
                    f"{kind:8} {key:12} database {expected.get(key, 0):6}  "
                    f"index {actual.get(key, 0):6}  {'ok' if ok else 'DRIFT'}"
                )
            # Equal counts can hide a missing and a stale document: compare the ids too.
            wanted, present = set(documents), indexed_ids(kind)
            missing, stale = len(wanted - present), len(present - wanted)
            if missing or stale:
                drift = True
                self.stdout.write(f"{kind:8} DRIFT: {missing} missing, {stale} not allowed")
        failures = IndexFailure.objects.count()
        self.stdout.write(f"recorded sync failures: {failures}")
        if drift or failures:
            raise CommandError("the index differs from the database; run `search_index repair`")

    def repair(self, kinds):
        ensure_indices()
        failures = dict(IndexFailure.objects.values_list("doc_id", "narrowing"))
        todo: set[str] = set(failures)
        for kind in kinds:
            expected, actual = set(expected_documents(kind)), indexed_ids(kind)
            todo |= expected - actual  # missing from the index
            todo |= actual - expected  # in the index but hidden, withdrawn or gone
        # What hides something goes first: if the server fails half-way, those have landed.
        ordered = sorted(todo, key=lambda doc: (not failures.get(doc, False), doc))
        fixed = 0
        for document_id in tqdm(ordered, desc="repairing", unit="doc", disable=None):
            try:
                sync_document(document_id)
            except (SearchUnavailable, TransportError, ApiError) as error:
                # Kept (attempts counted) for the next run; the server is down, so stop here.
                record_failure(document_id, error)
                self.stdout.write(f"repaired {fixed} documents, then failed on {document_id}")
                raise
            IndexFailure.objects.filter(doc_id=document_id).delete()
            fixed += 1
        self.stdout.write(f"repaired {fixed} documents")
