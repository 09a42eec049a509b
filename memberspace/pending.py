"""What a member sees about their entry: live or awaiting approval, and what is waiting."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from members.consent import pending_request
from members.models import GroupMember, IndividualMember, PrivacyRequest

Member = GroupMember | IndividualMember


@dataclass(frozen=True)
class PendingChange:
    label: str
    value: str


@dataclass
class EntryStatus:
    member: Member
    state: str  # "live", "pending", "changes_requested", "draft"
    changes: list[PendingChange] = field(default_factory=list)
    privacy_request: PrivacyRequest | None = None
    comment: str = ""

    @property
    def label(self) -> str:
        return {
            "live": _("Published"),
            "pending": _("Awaiting approval"),
            "changes_requested": _("Changes requested"),
            "draft": _("Draft"),
        }[self.state]


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, models.Model):
        return str(getattr(value, "label", value))
    return str(value)


def _value(member: Member, name: str):
    model_field = member._meta.get_field(name)
    if model_field.many_to_many or name == "fields":
        items = sorted(getattr(member, name).all(), key=lambda item: item.pk)
        return tuple(items)
    return getattr(member, name)


def pending_changes(member: Member, field_names: list[str]) -> list[PendingChange]:
    """The fields whose value in the latest revision differs from the live entry."""
    revision = member.latest_revision
    if not member.has_unpublished_changes or revision is None:
        return []
    draft = revision.as_object()
    changes = []
    for name in field_names:
        new = _value(draft, name)
        if new == _value(member, name):
            continue
        label = member._meta.get_field(name).verbose_name
        shown = ", ".join(_shown(v) for v in new) if isinstance(new, tuple) else _shown(new)
        changes.append(PendingChange(label=str(label), value=shown or "—"))
    return changes


def entry_status(member: Member, field_names: list[str]) -> EntryStatus:
    workflow_state = member.current_workflow_state
    request = pending_request(member)
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        return EntryStatus(
            member=member,
            state="changes_requested",
            changes=pending_changes(member, field_names),
            privacy_request=request,
            comment=task_state.get_comment() if task_state is not None else "",
        )
    if workflow_state is not None or request is not None:
        return EntryStatus(
            member=member,
            state="pending",
            changes=pending_changes(member, field_names),
            privacy_request=request,
        )
    if not member.live:
        return EntryStatus(member=member, state="draft")
    return EntryStatus(member=member, state="live")
