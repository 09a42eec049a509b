from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .confirmation import CONFIRM_ACTION
from .models import Tier, viewer_tier
from .viewsets import (
    ConsentLedgerView,
    DirectoryViewSetGroup,
    PendingChangesView,
    PrivacyRequestsView,
    PrivacyRequestView,
    UnconfirmedReportView,
    VocabularyViewSetGroup,
)

register_snippet(DirectoryViewSetGroup)
register_snippet(VocabularyViewSetGroup)


@hooks.register("register_log_actions")
def register_confirmation_action(actions):
    actions.register_action(CONFIRM_ACTION, _("Confirm entry"), _("Confirmed the entry unchanged"))


@hooks.register("register_admin_urls")
def register_unconfirmed_report_urls():
    view = UnconfirmedReportView
    return [
        path("reports/unconfirmed-members/", view.as_view(), name=view.index_url_name),
        path(
            "reports/unconfirmed-members/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


class UnconfirmedReportMenuItem(MenuItem):
    def is_shown(self, request):
        return UnconfirmedReportView.permission_policy.user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_unconfirmed_report_menu_item():
    return UnconfirmedReportMenuItem(
        _("Not confirmed for 12 months"),
        reverse(UnconfirmedReportView.index_url_name),
        name="unconfirmed-members",
        icon_name="time",
        order=1000,
    )


# Listing reports: each has its page and the results fragment its filters reload.
LISTINGS = [
    ("members/pending-changes/", PendingChangesView, "members_pending_changes"),
    ("members/consent-ledger/", ConsentLedgerView, "members_consent_ledger"),
    ("members/privacy-requests/", PrivacyRequestsView, "members_privacy_requests"),
]


@hooks.register("register_admin_urls")
def register_privacy_urls():
    urls = [
        path(
            "members/privacy-requests/<int:pk>/",
            PrivacyRequestView.as_view(),
            name="members_privacy_request",
        )
    ]
    for prefix, view, name in LISTINGS:
        urls.append(path(prefix, view.as_view(), name=name))
        urls.append(
            path(f"{prefix}results/", view.as_view(results_only=True), name=f"{name}_results")
        )
    return urls


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return viewer_tier(request.user) >= Tier.SECRETARIAT


# The secretariat's reports: (label, URL name, icon, order after Wagtail's own).
REPORTS = [
    (_("Pending member changes"), "members_pending_changes", "tasks", 940),
    (_("Consent ledger"), "members_consent_ledger", "history", 950),
    (_("Privacy requests"), "members_privacy_requests", "view", 960),
]


def _report_menu_item(label, url_name, icon, order):
    def register():
        return SecretariatMenuItem(
            label, reverse(url_name), name=url_name, icon_name=icon, order=order
        )

    return register


for report in REPORTS:
    hooks.register("register_reports_menu_item", _report_menu_item(*report))
