"""The admin's home page warns the secretariat when index syncs keep failing.

``search_index repair`` runs from cron; a failure older than ``SEARCH_FAILURE_ALERT_MINUTES``
means repair could not fix it either, and a hidden member may still be findable.
"""

from django.conf import settings
from wagtail import hooks
from wagtail.admin.ui.components import Component

from members.models import Tier, viewer_tier

from .models import IndexFailure


class IndexFailuresPanel(Component):
    name = "search_index_failures"
    template_name = "search/admin/index_failures_panel.html"
    order = 50  # above Wagtail's own panels (100 and up)

    def __init__(self, *, overdue: int, narrowing: int):
        self.overdue = overdue
        self.narrowing = narrowing

    def get_context_data(self, parent_context):
        return {
            "overdue": self.overdue,
            "narrowing": self.narrowing,
            "minutes": settings.SEARCH_FAILURE_ALERT_MINUTES,
        }


@hooks.register("construct_homepage_panels")
def add_index_failures_panel(request, panels):
    if viewer_tier(request.user) < Tier.SECRETARIAT:
        return
    overdue = IndexFailure.objects.overdue()
    count = overdue.count()
    if count:
        panels.insert(
            0, IndexFailuresPanel(overdue=count, narrowing=overdue.filter(narrowing=True).count())
        )
