from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from members import vocabulary
from members.models import GroupMember, Language, Tier, Visibility, viewer_tier
from portal.plain_text import join_text, stream_text
from portal.translations import page_translations

from .listing import ListingPage

PREFECTURE_CODES = frozenset(code for code, *_names in vocabulary.PREFECTURES)


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
    help_fields = ParentalManyToManyField(
        "members.FieldTag",
        blank=True,
        related_name="qa_pages",
        verbose_name=_("fields of activity"),
        help_text=_("Groups working in any of these fields are shown as groups that can help."),
    )
    help_languages = ParentalManyToManyField(
        "members.Language",
        blank=True,
        related_name="qa_pages",
        verbose_name=_("languages"),
        help_text=_(
            "Languages the helping groups should speak when the reader's own language is not "
            "one the directory knows."
        ),
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
        MultiFieldPanel(
            [FieldPanel("help_fields"), FieldPanel("help_languages")],
            heading=_("Groups that can help"),
        ),
    ]

    class Meta:
        verbose_name = _("Q&A page")

    @property
    def is_past_review(self) -> bool:
        return self.review_due < timezone.localdate()

    def search_text(self) -> str:
        return join_text(self.intro, stream_text(self.answers))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        code = request.GET.get("prefecture", "")
        prefecture = code if code in PREFECTURE_CODES else None
        context["languages"] = page_languages(self, request)
        context["successor"] = successor(self, request)
        context["prefecture"] = prefecture
        context["has_ruby"] = "《" in "".join(
            [self.title, self.intro, *(str(block.value["answer"]) for block in self.answers)]
        )
        context["helping_groups"] = None
        fields = list(self.help_fields.all()) if self.pk else []
        reader, named = reader_languages(self, get_language())
        if fields or named:
            context["helping_groups"] = groups_that_help(
                fields=fields,
                languages=reader or named,
                prefecture=prefecture,
                tier=viewer_tier(request.user),
            )
        return context


def page_languages(page: Page, request) -> list[dict]:
    """The languages ``page`` exists in for this reader, each named in its own script, in the
    order of ``settings.SITE_LANGUAGES``."""
    translations = page_translations(page, request)
    current = get_language()
    return [
        {"code": code, "name": name, "page": translations[code], "current": code == current}
        for code, name, *_ in settings.SITE_LANGUAGES
        if code in translations
    ]


def successor(page: QAPage, request) -> Page | None:
    """The page that replaced this one, in the reader's language when it is translated."""
    if page.superseded_by_id is None:
        return None
    translations = page_translations(page.superseded_by, request)
    return translations.get(get_language()) or next(
        (p for p in translations.values() if p.pk == page.superseded_by_id), None
    )


def reader_languages(page: QAPage, code: str | None) -> tuple[list[Language], list[Language]]:
    """(the directory language that serves a reader of ``code``, the languages ``page`` names),
    read together in one query.

    The reader's language is the same code (the site and the directory share codes), else its
    fallback language (やさしい日本語 → Japanese); the page's languages serve a reader whose
    language the directory does not know.
    """
    candidates = [c for c in (code, settings.LANGUAGE_FALLBACKS.get(code or "")) if c]
    if page.pk is None:
        return list(Language.objects.filter(code__in=candidates)[:1]), []
    named = QAPage.help_languages.through.objects.filter(qapage=page.pk, language=OuterRef("pk"))
    found = list(
        Language.objects.filter(Q(code__in=candidates) | Q(qa_pages=page.pk))
        .annotate(named=Exists(named))
        .distinct()
    )
    by_code = {language.code: language for language in found}
    reader = next(([by_code[c]] for c in candidates if c in by_code), [])
    return reader, [language for language in found if language.named]


def groups_that_help(
    *,
    fields: list,
    languages: list[Language],
    prefecture: str | None,
    tier: Tier,
    limit: int = 6,
) -> list[GroupMember]:
    """Groups working in any of ``fields`` and speaking any of ``languages``, in or serving
    the prefecture coded ``prefecture`` (nationwide groups serve everywhere), that a viewer of
    ``tier`` may see.

    The directory's own rules: ``visible_to`` for the tier, listed only, and never a
    secretariat-only record, which no listing shows.
    """
    groups = (
        GroupMember.objects.visible_to(tier).listed().exclude(visibility=Visibility.SECRETARIAT)
    )
    if fields:
        groups = groups.filter(fields__in=fields)
    if languages:
        groups = groups.filter(languages__in=languages)
    if prefecture is not None:
        groups = groups.filter(
            Q(prefecture__code=prefecture)
            | Q(service_prefectures__code=prefecture)
            | Q(serves_nationwide=True)
        )
    ids = groups.values("pk").distinct()
    return list(
        GroupMember.objects.filter(pk__in=ids)
        .select_related("prefecture")
        .order_by("kana", "name")[:limit]
    )
