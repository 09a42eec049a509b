"""The "Invite a manager" entry points in the admin: the edit view's action menu and each
row's "More" menu in the Groups and Individuals listings, for holders of the right only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.action_menu import ActionMenuItem

from members.models import GroupMember, IndividualMember

from .admin_views import InviteView, can_invite, invite_url

ENTRY_TYPES = (GroupMember, IndividualMember)


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path(
            "invitations/<str:kind>/<int:pk>/",
            InviteView.as_view(),
            name="accounts_invite",
        )
    ]


class InviteMenuItem(ActionMenuItem):
    name = "action-invite"
    label = _("Invite a manager")
    icon_name = "mail"

    def is_shown(self, context):
        return context["view"] == "edit" and can_invite(context["request"].user)

    def get_url(self, parent_context):
        return invite_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def register_invite_menu_item(model):
    return InviteMenuItem(order=90) if issubclass(model, ENTRY_TYPES) else None


@hooks.register("register_snippet_listing_buttons")
def register_invite_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, ENTRY_TYPES) and can_invite(user):
        yield Button(_("Invite a manager"), url=invite_url(snippet), icon_name="mail", priority=60)
