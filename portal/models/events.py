from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from portal.blocks import BodyBlock
from portal.calendar import calendar_response
from portal.plain_text import join_text, stream_text
from portal.visibility import visible_pages

from .listing import ListingPage


class EventKind(models.TextChoices):
    FORUM = "forum", _("National forum")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other event")


class EventQuerySet(PageQuerySet):
    def upcoming(self):
        """Not yet over: an event without an end counts as over once it has started."""
        now = timezone.now()
        return self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now)).order_by("start")

    def past(self):
        now = timezone.now()
        return self.filter(Q(end__lt=now) | Q(end__isnull=True, start__lt=now)).order_by("-start")


class EventIndexPage(RoutablePageMixin, ListingPage):
    template = "pages/event_index_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def events(self, request=None):
        """Every visible event of this locale, including those kept under sub-network pages."""
        return visible_pages(EventPage.objects.filter(locale_id=self.locale_id), request)

    @path("")
    def index(self, request):
        events = self.events(request)
        return self.render(
            request,
            context_overrides={"upcoming": events.upcoming(), "past": events.past()[:20]},
        )

    @path("ics/")
    def calendar(self, request):
        # Public events only, as for feeds: a subscribed calendar is fetched without a login.
        return calendar_response(
            self.events(request=None).order_by("start"),
            request=request,
            name=self.title,
            filename="events.ics",
        )


class EventPage(RoutablePageMixin, Page):
    """The national forum, a workshop or another gathering."""

    template = "pages/event_page.html"
    parent_page_types = ["portal.EventIndexPage", "projects.SubNetworkPage"]
    subpage_types = []
    search_kind = "event"

    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online = models.BooleanField(_("online"), default=False)
    registration_url = models.URLField(_("registration link"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("online"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})
        if not self.place and not self.online:
            raise ValidationError({"place": _("Give a place, or mark the event as online.")})

    @property
    def is_upcoming(self) -> bool:
        return (self.end or self.start) >= timezone.now()

    def search_text(self) -> str:
        return join_text(self.summary, self.place, stream_text(self.body))

    @path("")
    def index(self, request):
        return self.render(request)

    @path("ics/")
    def calendar(self, request):
        return calendar_response(
            [self], request=request, name=self.title, filename=f"{self.slug}.ics"
        )
