"""Yearly confirmation: is an entry still true? (issue 10, part 4)

An entry counts as confirmed on its ``last_confirmed`` date, or, never confirmed, on the day it
joined (``member_since``) or was recorded (``created_at``). Its managers are reminded once it is
``CONFIRMATION_REMIND_MONTHS`` old, at most once a month, by an e-mail with a signed
「内容に変更なし」 link; the directory marks it after ``CONFIRMATION_STALE_MONTHS`` and ranks it
after equally relevant entries, never removing it.

The signed link carries the entry, the manager and the entry's ``last_confirmed`` as it was
when the mail was sent: once used, the date has moved on and the same link is refused.
"""

import calendar
import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Case, Expression, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.log_actions import log as log_action

from portal.mail import mail_language, render_mail

from .models import GroupMember, IndividualMember

logger = logging.getLogger(__name__)

Member = GroupMember | IndividualMember
KINDS: dict[str, type[Member]] = {"group": GroupMember, "individual": IndividualMember}

TOKEN_SALT = "members.confirmation"
TOKEN_MAX_AGE = dt.timedelta(days=30)
# A reminder is repeated at most this often while the entry stays unconfirmed.
REMIND_AGAIN_AFTER_MONTHS = 1
# The admin's filter and report (the "not confirmed for 12 months").
ADMIN_UNCONFIRMED_MONTHS = 12
CONFIRM_ACTION = "members.confirm"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, or that month's last day (31 March − 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def remind_before(today: dt.date | None = None) -> dt.date:
    """Entries confirmed before this day are due a reminder."""
    return months_before(today or timezone.localdate(), settings.CONFIRMATION_REMIND_MONTHS)


def stale_before(today: dt.date | None = None) -> dt.date:
    """Entries confirmed before this day are marked in the directory and rank after others."""
    return months_before(today or timezone.localdate(), settings.CONFIRMATION_STALE_MONTHS)


def confirmed_on(member: Member) -> dt.date | None:
    """The day the entry counts as confirmed (see the module's docstring); None only for an
    entry not saved yet."""
    if member.last_confirmed:
        return member.last_confirmed
    if member.member_since:
        return member.member_since
    return timezone.localdate(member.created_at) if member.created_at else None


def confirmed_on_expression() -> Expression:
    """``confirmed_on`` in SQL, for filters, ordering and the directory's database fallback."""
    return Coalesce("last_confirmed", "member_since", TruncDate("created_at"))


def is_stale(day: dt.date | None, *, today: dt.date | None = None) -> bool:
    return day is not None and day < stale_before(today)


def stale_label() -> str:
    """The mark of a stale entry on its card and page, in the active language."""
    return gettext("Not confirmed for %(months)s months") % {
        "months": settings.CONFIRMATION_STALE_MONTHS
    }


def stale_rank(cutoff: dt.date) -> Expression:
    """1 for an entry confirmed before ``cutoff``, else 0: a sort key after relevance."""
    return Case(
        When(Q(confirmed_on__lt=cutoff), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def unconfirmed_since(queryset: QuerySet, cutoff: dt.date) -> QuerySet:
    """The entries of ``queryset`` last confirmed before ``cutoff``, annotated ``confirmed_on``."""
    return queryset.annotate(confirmed_on=confirmed_on_expression()).filter(confirmed_on__lt=cutoff)


def due_for_reminder(model: type[Member], *, today: dt.date | None = None) -> QuerySet:
    """Listed entries of ``model`` unconfirmed since ``CONFIRMATION_REMIND_MONTHS`` and not
    reminded within the last month. Lapsed and withdrawn entries are nobody's to confirm."""
    today = today or timezone.localdate()
    reminded_since = timezone.make_aware(
        dt.datetime.combine(months_before(today, REMIND_AGAIN_AFTER_MONTHS), dt.time.min)
    )
    return (
        unconfirmed_since(model.objects.listed(), remind_before(today))
        .filter(
            Q(confirmation_reminded_at__isnull=True)
            | Q(confirmation_reminded_at__lt=reminded_since)
        )
        .order_by(F("confirmed_on").asc(), "pk")
    )


# ----------------------------------------------------------------------------- signed links


class LinkRefused(Exception):
    """A confirmation link that cannot be used; ``reason`` names the page to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# Why a link is refused (the page says it in words).
TAMPERED, EXPIRED, USED, GONE = "tampered", "expired", "used", "gone"


def confirmation_token(*, member: Member, manager) -> str:
    payload = {
        "k": member.kind,
        "m": member.pk,
        "u": manager.pk,
        "c": member.last_confirmed.isoformat() if member.last_confirmed else "",
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


@dataclass(frozen=True)
class ConfirmationLink:
    member: Member
    manager: object


def read_token(token: str) -> ConfirmationLink:
    """The entry and manager a link was made for, or ``LinkRefused``: tampered with,
    older than ``TOKEN_MAX_AGE``, used already (the entry was confirmed since), or the entry
    is no longer listed or the account no longer manages it."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkRefused(EXPIRED) from None
    except signing.BadSignature:
        raise LinkRefused(TAMPERED) from None
    try:
        model = KINDS[payload["k"]]
        member_pk, manager_pk, confirmed = payload["m"], payload["u"], payload["c"]
    except (KeyError, TypeError):
        raise LinkRefused(TAMPERED) from None
    member = model.objects.listed().filter(pk=member_pk).first()
    if member is None:
        raise LinkRefused(GONE)
    manager = next((user for user in member.manager_accounts() if user.pk == manager_pk), None)
    if manager is None:
        raise LinkRefused(GONE)
    if (member.last_confirmed.isoformat() if member.last_confirmed else "") != confirmed:
        raise LinkRefused(USED)
    return ConfirmationLink(member=member, manager=manager)


def confirm_entry(*, member: Member, by) -> Member:
    """Record that ``by`` confirmed the entry unchanged today. Saved through ``Model.save``, so
    the search index and the page cache follow; logged in the entry's admin history."""
    member.last_confirmed = timezone.localdate()
    member.save(update_fields=["last_confirmed", "updated_at"])
    log_action(instance=member, action=CONFIRM_ACTION, user=by)
    return member


# ----------------------------------------------------------------------------- reminders


@dataclass
class ReminderReport:
    reminded: list[tuple[Member, list]] = field(default_factory=list)  # entry, its managers
    without_managers: list[Member] = field(default_factory=list)
    failed: list[tuple[Member, str]] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return sum(len(managers) for _member, managers in self.reminded)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def member_page_path(language: str) -> str:
    """The members' own space (マイページ, the memberspace app at ``/mypage/``), in ``language``:
    Japanese has no prefix, other languages theirs (``i18n_patterns``)."""
    return "/mypage/" if language == settings.LANGUAGE_CODE else f"/{language}/mypage/"


def reminder_message(*, member: Member, manager) -> EmailMultiAlternatives:
    """The reminder to one manager, in the manager's language (``portal.mail``: the one they
    saved on the member pages, else Japanese: a command has no page)."""
    language = mail_language(user=manager)
    # The links under the recipient's language prefix.
    with translation.override(language):
        confirm_path = reverse(
            "members:confirm",
            kwargs={"token": confirmation_token(member=member, manager=manager)},
        )
    context = {
        "member": member,
        "manager": manager,
        "confirmed_on": confirmed_on(member),
        "last_confirmed": member.last_confirmed,
        "confirm_url": absolute(confirm_path),
        "edit_url": absolute(member_page_path(language)),
        "valid_days": TOKEN_MAX_AGE.days,
        "stale_months": settings.CONFIRMATION_STALE_MONTHS,
    }
    rendered = render_mail(
        "members/email/confirmation_reminder", language=language, context=context
    )
    return EmailMultiAlternatives(subject=rendered.subject, body=rendered.body, to=[manager.email])


def send_reminders(*, today: dt.date | None = None, dry_run: bool = False) -> ReminderReport:
    """Remind the managers of every entry due (``due_for_reminder``): one message per manager
    with an address, and the entry marked reminded. An entry nobody manages is reported, not
    marked, so it is reported again until the secretariat gives it a manager."""
    report = ReminderReport()
    for model in KINDS.values():
        for member in due_for_reminder(model, today=today):
            managers = [user for user in member.manager_accounts() if user.email]
            if not managers:
                report.without_managers.append(member)
                continue
            if dry_run:
                report.reminded.append((member, managers))
                continue
            try:
                messages = [reminder_message(member=member, manager=m) for m in managers]
                for message in messages:
                    message.send()
            except Exception as error:  # one bad address or server hiccup must not stop the run
                logger.exception("confirmation reminder for %s failed", member)
                report.failed.append((member, str(error)))
                continue
            # Not through save(): a reminder changes nothing that is shown or indexed.
            model.objects.filter(pk=member.pk).update(confirmation_reminded_at=timezone.now())
            report.reminded.append((member, managers))
    return report
