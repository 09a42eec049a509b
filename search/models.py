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
