"""An invitation to manage a directory entry, sent by the secretariat."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import GroupMember, IndividualMember

Entry = GroupMember | IndividualMember


class Invitation(models.Model):
    """One e-mail inviting a person to manage a group's entry or their own.

    Exactly one of ``group`` and ``individual`` is set: two plain foreign keys rather than a
    generic relation, so deleting an entry deletes its invitations and a join needs no
    content types.
    """

    email = models.EmailField(_("e-mail address"))
    group = models.ForeignKey(
        GroupMember,
        verbose_name=pgettext_lazy("member group", "group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    individual = models.ForeignKey(
        IndividualMember,
        verbose_name=_("individual member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.MAIL_LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(group__isnull=False, individual__isnull=True)
                    | Q(group__isnull=True, individual__isnull=False)
                ),
                name="invitation_one_entry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.entry}"

    @property
    def entry(self) -> Entry:
        return self.group if self.group_id else self.individual

    @property
    def expires_at(self):
        # Read from the setting at every check, so shortening it also shortens the links
        # already sent.
        return self.created_at + timedelta(days=settings.INVITATION_DAYS)

    def is_expired(self, *, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
