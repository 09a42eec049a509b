from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import RelayMessage
from .viewsets import ReadOnlyPolicy, RelayMessageViewSet

# Before the viewset is registered: it would otherwise create the default policy.
register_permission_policy(RelayMessage, ReadOnlyPolicy(RelayMessage))


@hooks.register("register_admin_viewset")
def register_relay_messages():
    return RelayMessageViewSet("relay_messages")
