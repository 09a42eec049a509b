from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .confirmation import CONFIRM_ACTION
from .viewsets import DirectoryViewSetGroup, UnconfirmedReportView, VocabularyViewSetGroup

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
