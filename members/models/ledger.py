"""Consent is member data: a ledger of every change to who may see an entry, and the
widening requests a member makes, which the secretariat approves or rejects.

Written only by ``members.consent`` and ``members.lifecycle``; the admin shows both read-only.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .members import GroupMember, IndividualMember
from .privacy import Visibility
from .vocabulary import SubNetwork


class ConsentSource(models.TextChoices):
    MEMBER = "member", _("The member")
    SECRETARIAT = "secretariat", _("The secretariat")
    IMPORT = "import", _("An import")


class LedgerField(models.TextChoices):
    VISIBILITY = "visibility", _("Visibility")
    CONSENT = "consent", _("Consent")
    CONTACT_VISIBILITY = "contact_visibility", _("Who may see contact data")
    STATUS = "status", _("Status")


def _member_key(model, label, *, on_delete, related_name) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
    )


class MemberLink(models.Model):
    """One entry of either kind: exactly one of the two keys is set."""

    group = _member_key(
        GroupMember,
        pgettext_lazy("member group", "group"),
        on_delete=models.CASCADE,
        related_name="privacy_requests",
    )
    individual = _member_key(
        IndividualMember,
        _("individual"),
        on_delete=models.CASCADE,
        related_name="privacy_requests",
    )

    class Meta:
        abstract = True

    @property
    def member(self) -> GroupMember | IndividualMember:
        return self.group or self.individual

    @classmethod
    def link(cls, member) -> dict:
        key = "group" if isinstance(member, GroupMember) else "individual"
        return {key: member}


class PrivacyRequest(MemberLink):
    """A member asked to be shown more widely (or listed again): waits for the secretariat."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        # The member narrowed or withdrew afterwards: approving it later would re-widen.
        CANCELLED = "cancelled", _("Cancelled")

    visibility = models.CharField(
        _("requested visibility"), max_length=12, choices=Visibility.choices
    )
    # For "members of chosen sub-networks": exactly the ones approving applies.
    subnetworks = models.ManyToManyField(
        SubNetwork, verbose_name=_("requested sub-networks"), blank=True, related_name="+"
    )
    give_consent = models.BooleanField(
        _("consents to be listed again"),
        default=False,
        help_text=_("The entry is not listed now; approving lists it with this visibility."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")

    def __str__(self) -> str:
        return f"{self.member} → {self.audience_label()} ({self.get_state_display()})"

    def audience_label(self) -> str:
        """The requested audience as the secretariat and the member read it, with the chosen
        sub-networks named."""
        label = str(self.get_visibility_display())
        if self.visibility != Visibility.SUBNETWORKS or self.pk is None:
            return label
        names = ", ".join(str(subnetwork.label) for subnetwork in self.subnetworks.all())
        return f"{label} ({names})" if names else label


class ConsentRecord(MemberLink):
    """One change of one privacy value of one entry: who, when, from what to what, how."""

    # Kept if the entry is deleted: the ledger outlives it.
    group = _member_key(
        GroupMember,
        pgettext_lazy("member group", "group"),
        on_delete=models.SET_NULL,
        related_name="consent_records",
    )
    individual = _member_key(
        IndividualMember,
        _("individual"),
        on_delete=models.SET_NULL,
        related_name="consent_records",
    )
    member_number = models.CharField(_("member number"), max_length=20)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how = models.CharField(_("how"), max_length=12, choices=ConsentSource.choices)
    field = models.CharField(_("what"), max_length=20, choices=LedgerField.choices)
    # A sub-network audience names its sub-networks: "subnetworks:trainees,women".
    from_value = models.CharField(_("from"), max_length=500, blank=True)
    to_value = models.CharField(_("to"), max_length=500, blank=True)
    request = models.ForeignKey(
        PrivacyRequest,
        verbose_name=_("approved request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("consent ledger entry")
        verbose_name_plural = _("consent ledger")

    def __str__(self) -> str:
        return f"{self.member_number} {self.field}: {self.from_value} → {self.to_value}"
