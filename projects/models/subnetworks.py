from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from members.models import GroupMember, GroupParticipation, ParticipationRole, viewer_grants
from portal.blocks import BodyBlock
from portal.models import EventPage, ListingPage, NewsPage
from portal.plain_text import join_text, rich_text, stream_text
from portal.visibility import visible_pages


class SubNetworkIndexPage(ListingPage):
    template = "pages/subnetwork_index_page.html"
    parent_page_types = ["portal.HomePage", "portal.PillarPage"]
    subpage_types = ["projects.SubNetworkPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sub-network index page")

    def listed_pages(self):
        return SubNetworkPage.objects.child_of(self).order_by("subnetwork__sort_order")


class SubNetworkPage(Page):
    """The public page of one sub-network. Its member groups come live from the directory;
    editors of the sub-network keep their news and events under this page."""

    template = "pages/subnetwork_page.html"
    parent_page_types = ["projects.SubNetworkIndexPage"]
    subpage_types = ["portal.NewsPage", "portal.EventPage", "portal.StandardPage"]
    search_kind = "project"

    subnetwork = models.ForeignKey(
        "members.SubNetwork",
        verbose_name=_("sub-network"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    purpose = RichTextField(_("purpose"), features=["bold", "italic", "link", "ol", "ul"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("activities"))
    resources = StreamField(BodyBlock(), blank=True, verbose_name=_("resources"))
    how_to_take_part = RichTextField(
        _("how to take part"), blank=True, features=["bold", "link", "ol", "ul"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subnetwork"),
        FieldPanel("purpose"),
        FieldPanel("body"),
        FieldPanel("resources"),
        FieldPanel("how_to_take_part"),
    ]

    class Meta:
        verbose_name = _("sub-network page")

    def clean(self):
        # One page per sub-network and language. The locale lives on Wagtail's page table, so a
        # database constraint cannot express this; translations share the translation key.
        super().clean()
        if (
            self.subnetwork_id
            and SubNetworkPage.objects.filter(subnetwork_id=self.subnetwork_id)
            .exclude(translation_key=self.translation_key)
            .exists()
        ):
            raise ValidationError({"subnetwork": _("This sub-network already has a page.")})

    def search_text(self) -> str:
        return join_text(
            rich_text(self.purpose),
            stream_text(self.body),
            stream_text(self.resources),
            rich_text(self.how_to_take_part),
        )

    def member_groups(self, request):
        """Groups taking part, as far as this viewer may see them (the directory's one rule)."""
        return (
            GroupMember.objects.visible_to(viewer_grants(request.user))
            .filter(participations__subnetwork=self.subnetwork_id)
            .select_related("prefecture")
            .distinct()
        )

    def directory_url(self) -> str:
        return f"{reverse('directory')}?{urlencode({'network': self.subnetwork.slug})}"

    def related(self, model, request):
        linked = Q(path__startswith=self.path)
        if model is NewsPage:
            linked |= Q(subnetworks=self.subnetwork_id)
        return visible_pages(model.objects.filter(locale_id=self.locale_id), request).filter(linked)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for both lists: the coordinators are the member groups with that role.
        coordinating = GroupParticipation.objects.filter(
            group=OuterRef("pk"),
            subnetwork=self.subnetwork_id,
            role=ParticipationRole.COORDINATOR,
        )
        groups = list(self.member_groups(request).annotate(coordinates=Exists(coordinating)))
        context["coordinators"] = [group for group in groups if group.coordinates]
        context["member_groups"] = groups
        context["latest_news"] = (
            self.related(NewsPage, request).distinct().order_by("-date", "-pk")[:5]
        )
        context["upcoming_events"] = self.related(EventPage, request).upcoming()[:5]
        return context
