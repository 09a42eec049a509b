"""Writes of the contact relay: relay one message, purge old bodies."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members.models import GroupMember

from . import limits, mail
from .models import RelayMessage, RelayStatus

logger = logging.getLogger(__name__)


def unavailable_reason(group: GroupMember) -> str | None:
    """Why the group cannot be written to, or None: ``"opted_out"`` or ``"no_address"``."""
    if not group.accepts_messages:
        return "opted_out"
    if not group.contact_email:
        return "no_address"
    return None


@dataclass(frozen=True)
class Outcome:
    status: str  # a RelayStatus value, or "limited"
    retry_after: int = 0

    @property
    def limited(self) -> bool:
        return self.status == "limited"


def relay_message(
    *,
    group: GroupMember,
    name: str,
    email: str,
    subject: str,
    body: str,
    client_address: str,
    language: str,
    trapped: bool,
    page_url: str,
) -> Outcome:
    """Count, log and deliver one message from the contact form of ``group``.

    The limits are counted and the message logged in one transaction holding a lock on the
    group's row, so concurrent posts to one group cannot both slip under its limit; the
    mails go out after the commit, without the lock (an SMTP server may take seconds).
    A trapped (honeypot) message is logged without its body, counted against its address,
    and never sent."""
    if unavailable_reason(group) is not None:
        raise ValueError(f"group {group.pk} does not take messages")
    client = limits.client_key(client_address)
    sender = limits.sender_key(email)
    with transaction.atomic():
        list(GroupMember.objects.select_for_update().filter(pk=group.pk).values_list("pk"))
        now = timezone.now()
        wait = limits.seconds_until_allowed(
            group_id=group.pk, client=client, sender=sender, now=now
        )
        if wait:
            return Outcome("limited", retry_after=wait)
        record = RelayMessage.objects.create(
            group=group,
            sent_at=now,
            status=RelayStatus.DROPPED if trapped else RelayStatus.PENDING,
            client_key=client,
            sender_key=sender,
            subject_length=len(subject),
            body_length=len(body),
            language=language,
            body="" if trapped else body,
        )
    if trapped:
        return Outcome(RelayStatus.DROPPED)
    details = {"group": group, "name": name, "email": email, "subject": subject, "body": body,
               "page_url": page_url}  # fmt: skip
    try:
        mail.to_group(**details).send()
    except Exception:
        # Never shown to the visitor: an SMTP error can quote the group's address.
        logger.exception("relay: delivery of message %s to group %s failed", record.pk, group.pk)
        _set_status(record, RelayStatus.FAILED)
        return Outcome(RelayStatus.FAILED)
    _set_status(record, RelayStatus.SENT)
    try:
        mail.copy_to_sender(**details, language=language).send()
    except Exception:
        # The group has the message; a lost copy is not worth failing the visitor over.
        logger.exception("relay: the sender's copy of message %s failed", record.pk)
    return Outcome(RelayStatus.SENT)


def _set_status(record: RelayMessage, status: str) -> None:
    RelayMessage.objects.filter(pk=record.pk).update(status=status)


def purge_bodies(*, keep_days: int | None = None) -> int:
    """Blank the bodies of messages older than ``keep_days`` (``RELAY_KEEP_DAYS``); the
    metadata stays. Returns how many bodies were blanked."""
    days = settings.RELAY_KEEP_DAYS if keep_days is None else keep_days
    cutoff = timezone.now() - timedelta(days=days)
    return RelayMessage.objects.filter(sent_at__lt=cutoff).exclude(body="").update(body="")
