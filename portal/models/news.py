from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from members.models import FieldTag
from portal.blocks import BodyBlock
from portal.plain_text import join_text, rich_text, stream_text
from portal.visibility import visible_pages

from .listing import ListingPage


class NewsKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    REQUEST = "request", _("Request")
    NEGOTIATION = "negotiation", _("Ministry negotiation report")
    ANNOUNCEMENT = "announcement", _("Announcement")


class NewsPageFieldTag(TaggedItemBase):
    """Pages are tagged with the directory's own field vocabulary, so a tag links both."""

    tag = models.ForeignKey(FieldTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey(
        "portal.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(RoutablePageMixin, ListingPage):
    template = "pages/news_index_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    max_count_per_parent = 1
    per_page = 12

    class Meta:
        verbose_name = _("news index page")

    def news(self, request=None):
        """Every visible news page of this locale, wherever it sits (sub-network editors keep
        theirs under their own sub-network page)."""
        return visible_pages(NewsPage.objects.filter(locale_id=self.locale_id), request).order_by(
            "-date", "-pk"
        )

    def filter_news(self, request):
        """Apply the ``kind``, ``tag`` and ``year`` query parameters, each checked against what
        exists so user input never reaches a lookup unchecked."""
        news = self.news(request)
        active = {}
        kind = request.GET.get("kind", "")
        if kind in NewsKind.values:
            news = news.filter(kind=kind)
            active["kind"] = kind
        tag_slug = request.GET.get("tag", "")
        tag = FieldTag.objects.filter(slug=tag_slug).first() if tag_slug else None
        if tag is not None:
            news = news.filter(tagged_items__tag=tag).distinct()
            active["tag"] = tag
        year = request.GET.get("year", "")
        if year.isdigit() and len(year) == 4:
            news = news.filter(date__year=int(year))
            active["year"] = int(year)
        return news, active

    @path("")
    def index(self, request):
        news, active = self.filter_news(request)
        all_news = self.news(request)
        return self.render(
            request,
            context_overrides={
                "news_page": Paginator(news, self.per_page).get_page(request.GET.get("page")),
                "active": active,
                "kinds": NewsKind.choices,
                "tags": FieldTag.objects.filter(tagged_news__content_object__in=all_news)
                .distinct()
                .order_by("name"),
                "years": sorted(
                    {d.year for d in all_news.values_list("date", flat=True)}, reverse=True
                ),
            },
        )

    @path("feed/")
    def rss_feed(self, request):
        from portal.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from portal.feeds import AtomNewsFeed

        return AtomNewsFeed(self)(request)


class NewsPage(Page):
    """A statement, request, ministry negotiation report or announcement."""

    template = "pages/news_page.html"
    parent_page_types = ["portal.NewsIndexPage", "projects.SubNetworkPage"]
    subpage_types = []
    search_kind = "news"

    kind = models.CharField(_("kind"), max_length=12, choices=NewsKind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    # Filled in for ministry negotiation reports (省庁交渉) only.
    negotiation_date = models.DateField(_("negotiation date"), null=True, blank=True)
    ministry = models.CharField(_("ministry or agency"), max_length=200, blank=True)
    demands = RichTextField(_("our demands"), blank=True)
    responses = RichTextField(_("their responses"), blank=True)
    follow_up = RichTextField(_("follow-up"), blank=True)
    tags = ClusterTaggableManager(
        through=NewsPageFieldTag, blank=True, verbose_name=_("fields of activity")
    )
    subnetworks = ParentalManyToManyField(
        "members.SubNetwork", blank=True, related_name="news_pages", verbose_name=_("sub-networks")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("negotiation_date"),
                FieldPanel("ministry"),
                FieldPanel("demands"),
                FieldPanel("responses"),
                FieldPanel("follow_up"),
            ],
            heading=_("Ministry negotiation"),
        ),
        FieldPanel("tags"),
        FieldPanel("subnetworks"),
    ]

    class Meta:
        verbose_name = _("news page")

    def clean(self):
        super().clean()
        if self.kind == NewsKind.NEGOTIATION and not (self.ministry and self.negotiation_date):
            raise ValidationError(
                _("A negotiation report needs the ministry or agency and the date it took place.")
            )

    @property
    def is_negotiation(self) -> bool:
        return self.kind == NewsKind.NEGOTIATION

    def search_text(self) -> str:
        return join_text(
            self.summary,
            stream_text(self.body),
            self.ministry,
            rich_text(self.demands),
            rich_text(self.responses),
            rich_text(self.follow_up),
        )
