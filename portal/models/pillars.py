from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import BodyBlock
from portal.plain_text import join_text, stream_text
from portal.subnetwork_pages import subnetwork_pages
from portal.visibility import visible_pages


class Pillar(models.TextChoices):
    ADVOCACY = "advocacy", _("Advocacy (tsukuru)")
    NETWORKING = "networking", _("Networking (tsunagaru)")
    PUBLICITY = "publicity", _("Publicity (tsutaeru)")


class PillarPage(Page):
    """One of the three pillars, つくる・つながる・つたえる, listing the work that belongs to it.

    What belongs is decided by the pillar's key, not by where pages sit in the tree, so news,
    events and sub-network pages keep short URLs of their own.
    """

    template = "pages/pillar_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.StandardPage"]
    search_kind = "page"

    pillar = models.CharField(_("pillar"), max_length=12, choices=Pillar.choices)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("pillar"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("pillar page")

    def search_text(self) -> str:
        return join_text(self.intro, stream_text(self.body))

    def get_context(self, request, *args, **kwargs):
        from .events import EventPage
        from .news import NewsKind, NewsPage
        from .publications import PublicationPage

        context = super().get_context(request, *args, **kwargs)
        here = {"locale_id": self.locale_id}
        context["children"] = visible_pages(self.get_children().specific(), request)
        if self.pillar == Pillar.ADVOCACY:
            context["news"] = visible_pages(
                NewsPage.objects.filter(
                    kind__in=[NewsKind.STATEMENT, NewsKind.REQUEST, NewsKind.NEGOTIATION], **here
                ),
                request,
            ).order_by("-date", "-pk")[:10]
        elif self.pillar == Pillar.NETWORKING:
            context["subnetworks"] = subnetwork_pages(locale=self.locale_id, request=request)
            context["events"] = visible_pages(EventPage.objects.filter(**here).upcoming(), request)[
                :5
            ]
        elif self.pillar == Pillar.PUBLICITY:
            context["publications"] = visible_pages(
                PublicationPage.objects.filter(**here), request
            ).order_by("-issue_number")[:5]
            context["news"] = visible_pages(
                NewsPage.objects.filter(kind=NewsKind.ANNOUNCEMENT, **here), request
            ).order_by("-date", "-pk")[:5]
        return context
