from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.visibility import visible_pages


class ListingPage(Page):
    """An index page: a short introduction above the list of pages it gathers."""

    search_kind = "page"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def search_text(self) -> str:
        return self.intro

    def listed_pages(self):
        """The pages this index lists, in order; ``None`` when it builds its own list."""
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = self.listed_pages()
        if pages is not None:
            context["items"] = visible_pages(pages, request)
        return context
