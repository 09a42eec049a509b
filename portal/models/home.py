from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The root of each locale's tree: what the network is and where to go next."""

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    lead = models.TextField(_("lead"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead")]

    class Meta:
        verbose_name = _("home page")
