from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.plain_text import join_text, stream_text

from .listing import ListingPage


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "help"


class QAIndexPage(ListingPage):
    template = "pages/qa_index_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.QAPage"]

    class Meta:
        verbose_name = _("Q&A index page")

    def listed_pages(self):
        return QAPage.objects.child_of(self).order_by("-as_of")


class QAPage(Page):
    """Answers for migrants about rules that change: each page says when it was true, where it
    came from, when it must be checked again, and what replaced it."""

    template = "pages/qa_page.html"
    parent_page_types = ["portal.QAIndexPage"]
    subpage_types = []
    search_kind = "qa"

    intro = models.TextField(_("introduction"), blank=True)
    answers = StreamField(
        [("qa", QuestionAnswerBlock(label=_("question and answer")))],
        verbose_name=_("questions and answers"),
    )
    as_of = models.DateField(_("as of"), help_text=_("The date the answers were correct."))
    source_url = models.URLField(_("source link"), blank=True)
    source_title = models.CharField(_("source title"), max_length=255, blank=True)
    review_due = models.DateField(_("review due"), help_text=_("When an editor must check again."))
    superseded_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("answers"),
        MultiFieldPanel(
            [
                FieldPanel("as_of"),
                FieldPanel("source_url"),
                FieldPanel("source_title"),
                FieldPanel("review_due"),
                FieldPanel("superseded_by"),
            ],
            heading=_("Currency"),
        ),
    ]

    class Meta:
        verbose_name = _("Q&A page")

    @property
    def is_past_review(self) -> bool:
        return self.review_due < timezone.localdate()

    def search_text(self) -> str:
        return join_text(self.intro, stream_text(self.answers))
