from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import BodyBlock
from portal.plain_text import join_text, stream_text


class StandardPage(Page):
    """About, How to join, Privacy policy and any other free-form page."""

    template = "pages/standard_page.html"
    search_kind = "page"

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")

    def search_text(self) -> str:
        return join_text(self.intro, stream_text(self.body))
