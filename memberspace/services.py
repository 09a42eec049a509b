"""Writes of the members' own space. Content goes into a draft revision and the approval
workflow; it never reaches the live entry (or the search index) before the secretariat
approves. Privacy goes through ``members.consent``."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.models import Revision

from members.models import GroupMember, IndividualMember

Member = GroupMember | IndividualMember


@transaction.atomic
def entry_submit_draft(*, member: Member, by) -> Revision:
    """Save ``member`` (the edited latest revision, not yet saved) as a draft revision and put
    it before the secretariat. An earlier submission still waiting is replaced: the workflow
    restarts on the newest draft, so what is approved is what the member last sent."""
    member.normalize_text()
    revision = member.save_revision(user=by, log_action=True)
    state = member.current_workflow_state
    if state is not None:
        state.cancel(user=by)
    workflow = member.get_workflow()
    if workflow is not None:
        # Wagtail mails the secretariat in each one's saved language, else in the active one:
        # the member's page language is not theirs, so the network's language instead.
        with translation.override(settings.LANGUAGE_CODE):
            workflow.start(member, by)
    return revision
