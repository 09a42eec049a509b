from django.db import models


class IndexFailure(models.Model):
    """A sync that could not reach Elasticsearch; `search_index repair` retries it."""

    doc_id = models.CharField(max_length=64, unique=True)
    error = models.TextField()
    attempts = models.PositiveIntegerField(default=1)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(auto_now=True)

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
