"""The secretariat's read-only listing of relayed messages in the Wagtail admin.

Metadata only: the bodies are not shown here (they are kept a few days for abuse reports,
then blanked). Nobody adds, edits or deletes entries, a superuser included.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import RelayMessage


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class RelayMessageViewSet(ModelViewSet):
    model = RelayMessage
    icon = "mail"
    menu_label = _("Contact relay")
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["group", "sent_at", "status", "language", "subject_length", "body_length",
                    "sender_key"]  # fmt: skip
    list_filter = ["status", "language"]
    # No add or edit view is ever allowed (ReadOnlyPolicy); Wagtail still builds their form.
    form_fields = []

    def get_permissions_to_register(self):
        # Only "view" exists (the model's default_permissions); offer it in the group editor,
        # which Wagtail would leave out because there is no inspect view.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(RelayMessage),
            codename=get_permission_codename("view", RelayMessage._meta),
        )
