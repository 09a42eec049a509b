from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page

from portal.plain_text import join_text, rich_text

from .listing import ListingPage

# The cover's size on the index's cards (templates/pages/publication_index_page.html).
CARD_COVER = "width-240"


class PublicationIndexPage(ListingPage):
    """The magazine 『Mネット』 (M-net): every issue, newest first."""

    template = "pages/publication_index_page.html"
    parent_page_types = ["portal.HomePage", "portal.PillarPage"]
    subpage_types = ["portal.PublicationPage"]

    class Meta:
        verbose_name = _("publication index page")

    def listed_pages(self):
        # The covers with the issues, and their card-size renditions in one more query,
        # rather than two queries per issue.
        return (
            PublicationPage.objects.child_of(self)
            .order_by("-issue_number")
            .select_related("cover")
            .prefetch_related(
                Prefetch(
                    "cover__renditions",
                    queryset=get_image_model()
                    .get_rendition_model()
                    .objects.filter(filter_spec=CARD_COVER),
                    to_attr="prefetched_renditions",
                )
            )
        )


class PublicationPage(Page):
    template = "pages/publication_page.html"
    parent_page_types = ["portal.PublicationIndexPage"]
    subpage_types = []
    search_kind = "publication"

    issue_number = models.PositiveIntegerField(_("issue number"))
    issue_date = models.DateField(_("date of issue"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    contents = RichTextField(_("contents"), blank=True, features=["ol", "ul", "bold", "link"])
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("issue_number"),
        FieldPanel("issue_date"),
        FieldPanel("cover"),
        FieldPanel("summary"),
        FieldPanel("contents"),
        FieldPanel("pdf"),
    ]

    class Meta:
        verbose_name = _("publication page")

    def search_text(self) -> str:
        return join_text(self.summary, rich_text(self.contents))
