from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class IndexFailureQuerySet(models.QuerySet):
    def overdue(self):
        """Failures that repair has not fixed for ``SEARCH_FAILURE_ALERT_MINUTES``: with repair
        in cron, these mean Elasticsearch is still down or something else needs a person."""
        since = timezone.now() - timedelta(minutes=settings.SEARCH_FAILURE_ALERT_MINUTES)
        return self.filter(first_failed_at__lt=since)


class IndexFailure(models.Model):
    """A sync that could not reach Elasticsearch; `search_index repair` retries it."""

    doc_id = models.CharField(max_length=64, unique=True)
    error = models.TextField()
    # The write would have hidden something (a deletion, a member's narrower document):
    # repair retries these first and the admin banner counts them apart.
    narrowing = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=1)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(auto_now=True)

    objects = IndexFailureQuerySet.as_manager()

    class Meta:
        ordering = ["first_failed_at"]

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.error[:60]}"


class RebuildRun(models.Model):
    """A rebuild in progress, from before its first database read until after its alias swap.

    A single-document sync landing in the old index just before the swap would be lost; while
    this row exists every sync of its kind also notes its document, and the rebuild re-syncs the
    noted documents once the alias points at the new index."""

    kind = models.CharField(max_length=16)
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"rebuild of {self.kind} since {self.started_at:%Y-%m-%d %H:%M:%S}"


class RebuildResync(models.Model):
    """A document synced while ``run`` was loading: re-synced after its swap."""

    run = models.ForeignKey(RebuildRun, on_delete=models.CASCADE, related_name="resyncs")
    doc_id = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.doc_id
