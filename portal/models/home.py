from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from members.stats import membership_counts
from portal.plain_text import join_text
from portal.routing import localized_home, route_below
from portal.subnetwork_pages import subnetwork_pages
from portal.visibility import visible_pages


class HomePage(Page):
    """The root of each locale's tree: what the network is and where to go next."""

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    search_kind = "page"

    lead = models.TextField(_("lead"), blank=True)
    about = models.TextField(
        _("who we are"), blank=True, help_text=_("A short paragraph under the lead.")
    )

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("about")]

    class Meta:
        verbose_name = _("home page")

    def search_text(self) -> str:
        return join_text(self.lead, self.about)

    @property
    def localized(self):
        # Every request starts here (Wagtail routes from the site's root page, localized).
        return localized_home(self)

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        # Imported here: these page types live in modules that import this one.
        from .events import EventPage
        from .news import NewsPage
        from .pillars import PillarPage

        context = super().get_context(request, *args, **kwargs)
        in_locale = {"locale_id": self.locale_id}
        context["counts"] = membership_counts()
        context["pillars"] = visible_pages(
            PillarPage.objects.child_of(self).filter(**in_locale), request
        )
        context["latest_news"] = visible_pages(
            NewsPage.objects.filter(**in_locale), request
        ).order_by("-date", "-pk")[:4]
        context["upcoming_events"] = visible_pages(
            EventPage.objects.filter(**in_locale).upcoming(), request
        )[:3]
        context["subnetworks"] = subnetwork_pages(locale=self.locale_id, request=request)
        context["today"] = timezone.localdate()
        return context
