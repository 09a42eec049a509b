"""The log of relayed messages: metadata kept, bodies blanked after ``RELAY_KEEP_DAYS``.

The log is also the rate limiter's store (``relay.limits`` counts its rows), so no separate
counter table and no cache are needed, and every worker sees the same counts.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import GroupMember


class RelayStatus(models.TextChoices):
    PENDING = "pending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Delivery failed")
    # The honeypot field was filled in: a robot; nothing is sent, the robot is told it was.
    DROPPED = "dropped", _("Dropped (spam trap)")


class RelayMessage(models.Model):
    group = models.ForeignKey(
        GroupMember,
        verbose_name=pgettext_lazy("member group", "group"),
        on_delete=models.CASCADE,
        related_name="relay_messages",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=RelayStatus.choices, default=RelayStatus.PENDING
    )
    # Keyed hashes (salted_hmac of SECRET_KEY): enough to count and to spot one sender writing
    # again and again, without keeping who wrote from where.
    client_key = models.CharField(_("client address (hashed)"), max_length=64)
    sender_key = models.CharField(_("sender email (hashed)"), max_length=64)
    subject_length = models.PositiveIntegerField(_("subject length"))
    body_length = models.PositiveIntegerField(_("message length"))
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")
        # A log: nobody adds, edits or deletes entries by hand, not even a superuser
        # (relay.viewsets refuses those actions too).
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["client_key", "sent_at"]),
            models.Index(fields=["sender_key", "sent_at"]),
            models.Index(fields=["group", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.sent_at:%Y-%m-%d %H:%M}"
