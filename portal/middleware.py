"""Site-wide response headers and the staff session limit.

- Content-Security-Policy: one policy for the public site (no inline script, no nonce, because
  pages are cached for anonymous visitors and a nonce would be replayed) and a looser one for
  Wagtail's admin, whose own templates still carry inline scripts and styles.
- Permissions-Policy: the site uses no camera, microphone, location or payment.
- Staff sessions: whoever can reach the admin or read private contacts gets a session that ends
  when the browser closes and at most STAFF_SESSION_MAX_AGE after logging in.
"""

import time

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth import logout

from caching import shared
from members.models.privacy import Tier, viewer_tier

STAFF_LOGIN_TIME_KEY = "staff_logged_in_at"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under the admin's prefix."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


def is_staff_user(user) -> bool:
    """Anyone who can open the admin (editors included) or read private contacts."""
    # The tier first: views ask for it anyway and it is kept on the user for the request.
    return (
        viewer_tier(user) is Tier.SECRETARIAT
        or user.is_staff
        or user.has_perm("wagtailadmin.access_admin")
    )


def limit_staff_session(sender, request, user, **kwargs) -> None:
    """On ``user_logged_in``: a staff session lasts until the browser closes, and the login time
    is kept for StaffSessionLimitMiddleware."""
    if request is None or not hasattr(request, "session") or not is_staff_user(user):
        return
    request.session.set_expiry(0)
    request.session[STAFF_LOGIN_TIME_KEY] = int(time.time())


def _is_staff_user_kept(user) -> bool:
    """``is_staff_user``, kept in the shared cache until any account, group or permission
    changes: three queries (groups and both kinds of permissions) on every request of a member
    otherwise. Only the session limit reads it, never an access decision, so a process that
    missed a change limits a new staff member's session at most a TTL later."""
    return shared.remember(shared.ACCOUNTS, f"staff:{user.pk}", lambda: is_staff_user(user))


class StaffSessionLimitMiddleware:
    """Logs a staff user out once STAFF_SESSION_MAX_AGE has passed since the login, or when the
    session has no login time (it began before the limit existed, or before the user became
    staff): a browser left open, or a cookie copied elsewhere, keeps no staff access longer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and _is_staff_user_kept(user):
            logged_in_at = request.session.get(STAFF_LOGIN_TIME_KEY)
            max_age = settings.STAFF_SESSION_MAX_AGE.total_seconds()
            if logged_in_at is None or time.time() - logged_in_at > max_age:
                logout(request)
        return self.get_response(request)
