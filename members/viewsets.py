"""The directory in the Wagtail admin: snippet viewsets for groups and individuals.

Who may open, add, edit or delete a member is the job of the model permissions held by the
"Directory editors" and "Secretariat" groups (migration 0004): editors maintain every record,
including lapsed, withdrawn and secretariat-only ones. Private contacts are different: every
admin path that could show them (edit form, inspect view, spreadsheet export) asks the one rule,
``private_field_visible_to(field, viewer_tier(user))`` (the postal address has its own rule,
``postal_visibility``, never public); the edit form hides the contact fields from anyone
without ``members.view_private_contacts``, which ``viewer_tier`` maps to the secretariat tier.

Drafts: member entries are Wagtail snippets with drafts, revisions and the "Directory entry
approval" workflow. Their privacy values (``MemberBase.LIVE_FIELDS``) are never part of a
draft: an admin edit applies them to the live record at once, through ``members.consent``,
which writes the consent ledger. The ledger and the members' widening requests are two
read-only reports; the secretariat approves or rejects a request on its own page.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .confirmation import (
    ADMIN_UNCONFIRMED_MONTHS,
    confirmed_on,
    months_before,
    unconfirmed_since,
)
from .consent import (
    privacy_request_approve,
    privacy_request_reject,
    record_privacy_changes,
    secretariat_set_live_fields,
)
from .models import (
    ConsentRecord,
    ConsentSource,
    ContactFields,
    FieldTag,
    GroupMember,
    IndividualMember,
    Language,
    Prefecture,
    PrivacyRequest,
    Region,
    Status,
    SubNetwork,
    Tier,
    Visibility,
    viewer_tier,
)
from .models.privacy import VIEW_PRIVATE_CONTACTS_PERMISSION
from .text import normalize
from .transfer import (
    COLUMN_BY_KEY,
    COLUMNS,
    GROUP_ONLY,
    INDIVIDUAL_ONLY,
    export_value,
    formula_escaped,
)

# ----------------------------------------------------------------------------- filters


def any_of(label, model, field_name: str) -> django_filters.ModelMultipleChoiceFilter:
    """Checkboxes matching members that have any of the ticked values, each member once."""
    return django_filters.ModelMultipleChoiceFilter(
        label=label,
        queryset=model.objects.all(),
        field_name=field_name,
        distinct=True,
        widget=forms.CheckboxSelectMultiple,
    )


class MemberFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), field_name="prefecture__region"
    )
    prefecture = django_filters.ModelChoiceFilter(
        label=_("Prefecture"), queryset=Prefecture.objects.all()
    )
    field = any_of(_("Field"), FieldTag, "fields")
    language = any_of(_("Language"), Language, "languages")
    subnetwork = any_of(_("Sub-network"), SubNetwork, "subnetworks")
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Visibility.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    listed = django_filters.BooleanFilter(
        label=_("Listed in the directory"), method="filter_listed"
    )
    kana_needs_review = django_filters.BooleanFilter(label=_("Reading needs review"))
    unconfirmed = django_filters.BooleanFilter(
        label=_("Not confirmed for 12 months"), method="filter_unconfirmed"
    )

    def filter_listed(self, queryset, name, value):
        if value is None:
            return queryset
        listed = queryset.model.objects.listed().values("pk")
        return queryset.filter(pk__in=listed) if value else queryset.exclude(pk__in=listed)

    def filter_unconfirmed(self, queryset, name, value):
        if value is None:
            return queryset
        cutoff = months_before(timezone.localdate(), ADMIN_UNCONFIRMED_MONTHS)
        stale = unconfirmed_since(queryset.model.objects.all(), cutoff).values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)


class GroupMemberFilterSet(MemberFilterSet):
    class Meta:
        model = GroupMember
        fields = []


class IndividualMemberFilterSet(MemberFilterSet):
    class Meta:
        model = IndividualMember
        fields = []


# ----------------------------------------------------------------------------- views


class MemberIndexView(IndexView):
    """The listing and its CSV/XLSX export; contact cells only where the rule allows."""

    @cached_property
    def tier(self) -> Tier:
        return viewer_tier(self.request.user)

    def to_row_dict(self, item):
        row = {}
        for key in self.list_export:
            column = COLUMN_BY_KEY[key]
            if column.private and not item.private_field_visible_to(key, self.tier):
                row[key] = ""
            else:
                value = export_value(item, key)
                row[key] = "; ".join(value) if isinstance(value, list) else value
        return row

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # Wagtail types XLSX cells as text, but writes CSV cells as they are.
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return formula_escaped(value)
        return value

    def search_queryset(self, queryset):
        # Katakana, full-width and romaji spellings find a member as they do on the site.
        if not self.is_searching:
            return queryset
        q = normalize(self.search_query)
        return queryset.matching(q) | queryset.filter(member_number__icontains=q)

    def get_heading(self, queryset, field):
        column = COLUMN_BY_KEY[field]
        return column.en if (get_language() or "ja").startswith("en") else column.ja


class MemberInspectView(InspectView):
    def get_fields(self):
        fields = super().get_fields()
        tier = viewer_tier(self.request.user)
        obj = self.model.objects.filter(pk=self.pk).first()
        return [
            f
            for f in fields
            if f not in ContactFields.PRIVATE_FIELDS
            or (obj is not None and obj.private_field_visible_to(f, tier))
        ]


class MemberEditView(EditView):
    """Content becomes a draft; who may see the entry changes at once (and is recorded)."""

    def save_instance(self):
        data = self.form.cleaned_data
        # Not ``self.live_object``: without a draft it is the form's own instance, already
        # holding the posted values.
        live = self.model.objects.get(pk=self.live_object.pk)
        changes = {
            name: data[name]
            for name in live.LIVE_FIELDS
            if name in self.form.fields and getattr(live, name) != data[name]
        }
        # A plain many-to-many: a draft's ``form.save(commit=False)`` would never write it.
        audience = None
        if "audience_subnetworks" in self.form.fields:
            wanted = {subnetwork.slug for subnetwork in data["audience_subnetworks"]}
            if wanted != {subnetwork.slug for subnetwork in live.audience_subnetworks.all()}:
                audience = wanted
        if changes or audience is not None:
            secretariat_set_live_fields(
                member=live,
                values=changes,
                subnetworks=audience,
                by=self.request.user,
                how=ConsentSource.SECRETARIAT,
            )
        return super().save_instance()


class MemberCreateView(CreateView):
    """A new entry's privacy values are its first lines in the consent ledger."""

    def save_instance(self):
        instance = super().save_instance()
        # From nothing: every value it starts with.
        record_privacy_changes(
            member=instance, before={}, by=self.request.user, how=ConsentSource.SECRETARIAT
        )
        return instance


def contact_panel() -> MultiFieldPanel:
    # The permission on each FieldPanel removes the field from the form itself (not only from
    # the page), so an editor's save can neither read nor overwrite the contacts.
    fields = [*ContactFields.CONTACT_FIELDS, "contact_visibility", "postal_visibility"]
    return MultiFieldPanel(
        [FieldPanel(name, permission=VIEW_PRIVATE_CONTACTS_PERMISSION) for name in fields],
        heading=_("Private contacts"),
        permission=VIEW_PRIVATE_CONTACTS_PERMISSION,
    )


def member_columns(*extra: str) -> list:
    return [
        "name",
        "member_number",
        "prefecture",
        *extra,
        "status",
        "visibility",
        BooleanColumn("is_listed", label=_("Listed")),
        BooleanColumn("kana_needs_review", label=_("Reading to review")),
        "last_confirmed",
        "updated_at",
    ]


def membership_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel("status"), FieldPanel("member_since"), FieldPanel("last_confirmed")],
        heading=_("Membership"),
    )


def vocabulary_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel("fields"), FieldPanel("languages", widget=forms.CheckboxSelectMultiple)],
        heading=_("Fields and languages"),
    )


def consent_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("visibility"),
            FieldPanel("audience_subnetworks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("consent_given_at"),
            FieldPanel("consent_tier"),
            FieldPanel("consent_withdrawn_at"),
        ],
        heading=_("Visibility and consent"),
    )


def participations_panel() -> InlinePanel:
    return InlinePanel(
        "participations",
        label=_("Sub-networks"),
        panels=[FieldPanel("subnetwork"), FieldPanel("role")],
    )


class MemberViewSet(SnippetViewSet):
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    add_view_class = MemberCreateView
    inspect_view_class = MemberInspectView
    inspect_view_enabled = True
    # The ORM search of ``MemberIndexView.search_queryset``: admin search never goes through
    # Elasticsearch, and contact fields are not searchable so that a search cannot probe them.
    search_backend_name = None
    search_fields = ["name", "kana", "romaji", "member_number"]
    list_per_page = 50
    ordering = ["kana", "name"]
    inspect_view_fields_exclude = [
        "id",
        "romaji",
        "created_at",
        "updated_at",
        "latest_revision",
        "live_revision",
        "locked_by",
    ]


class GroupMemberViewSet(MemberViewSet):
    model = GroupMember
    icon = "group"
    # A context of its own: the plain "Groups" is Django's and Wagtail's permission groups.
    menu_label = pgettext_lazy("member type", "Groups")
    filterset_class = GroupMemberFilterSet
    list_display = member_columns()
    list_export = [c.key for c in COLUMNS if c.key not in INDIVIDUAL_ONLY]
    export_filename = "group-members"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kana"),
                FieldPanel("kana_needs_review"),
                FieldPanel("name_en"),
                FieldPanel("slug"),
                FieldPanel("member_number"),
            ],
            heading=_("Name"),
        ),
        membership_panel(),
        MultiFieldPanel(
            [
                FieldPanel("prefecture"),
                FieldPanel("municipality"),
                FieldPanel("service_prefectures", widget=forms.CheckboxSelectMultiple),
                FieldPanel("serves_nationwide"),
                FieldPanel("serves_overseas"),
            ],
            heading=_("Place and service area"),
        ),
        vocabulary_panel(),
        participations_panel(),
        MultiFieldPanel(
            [
                FieldPanel("description_ja"),
                FieldPanel("description_en"),
                FieldPanel("website"),
                FieldPanel("public_email"),
                FieldPanel("accepts_messages"),
                FieldPanel("logo"),
            ],
            heading=_("Public profile"),
        ),
        consent_panel(),
        contact_panel(),
    ]


class IndividualMemberViewSet(MemberViewSet):
    model = IndividualMember
    icon = "user"
    menu_label = _("Individuals")
    filterset_class = IndividualMemberFilterSet
    list_display = member_columns("occupation")
    list_export = [c.key for c in COLUMNS if c.key not in GROUP_ONLY]
    export_filename = "individual-members"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kana"),
                FieldPanel("kana_needs_review"),
                FieldPanel("member_number"),
            ],
            heading=_("Name"),
        ),
        membership_panel(),
        MultiFieldPanel(
            [
                FieldPanel("prefecture"),
                FieldPanel("affiliation"),
                FieldPanel("occupation"),
                FieldPanel("bio"),
                # Linking an account grants it the members tier, so only the secretariat may.
                FieldPanel("user", permission=VIEW_PRIVATE_CONTACTS_PERMISSION),
            ],
            heading=_("Profile"),
        ),
        vocabulary_panel(),
        participations_panel(),
        consent_panel(),
        contact_panel(),
    ]


class UnconfirmedReportView(ReportView):
    """Entries of both kinds not confirmed for 12 months, oldest first: who manages each and
    when they were last reminded (``remind_confirmation``), for the secretariat to follow up."""

    page_title = _("Not confirmed for 12 months")
    header_icon = "time"
    index_url_name = "members_unconfirmed_report"
    index_results_url_name = "members_unconfirmed_report_results"
    permission_policy = ModelPermissionPolicy(GroupMember)
    any_permission_required = ["change"]
    columns = [
        TitleColumn("name", label=_("Name"), get_url=lambda member: member.admin_edit_url),
        Column("kind_label", label=_("Type")),
        Column("last_confirmed", label=_("Last confirmed")),
        Column("confirmed_on", label=_("Counted from")),
        Column("manager_names", label=_("Managers")),
        DateColumn("confirmation_reminded_at", label=_("Reminded at")),
    ]

    def get_queryset(self):
        cutoff = months_before(timezone.localdate(), ADMIN_UNCONFIRMED_MONTHS)
        entries = []
        for model, label in (
            (GroupMember, pgettext_lazy("member type", "Group")),
            (IndividualMember, _("Individual")),
        ):
            for member in unconfirmed_since(model.objects.listed(), cutoff):
                member.kind_label = label
                member.manager_names = ", ".join(
                    user.get_full_name() or user.get_username()
                    for user in member.manager_accounts()
                ) or _("(none)")
                member.admin_edit_url = reverse(
                    f"wagtailsnippets_members_{model._meta.model_name}:edit", args=[member.pk]
                )
                entries.append(member)
        # Plain data for the report: both kinds in one list, the longest unconfirmed first.
        return sorted(entries, key=lambda member: (confirmed_on(member), member.name))


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (GroupMemberViewSet, IndividualMemberViewSet)
    menu_label = _("Directory")
    menu_icon = "group"
    menu_order = 200


class VocabularyViewSet(SnippetViewSet):
    """A vocabulary row: its names, and the other words that find it in the search box."""

    list_display = ["name_ja", "name_en", "synonyms"]
    search_fields = ["name_ja", "name_en", "synonyms"]
    panels = [FieldPanel("name_ja"), FieldPanel("name_en"), FieldPanel("synonyms")]


class RegionViewSet(VocabularyViewSet):
    model = Region
    icon = "site"


class PrefectureViewSet(VocabularyViewSet):
    model = Prefecture
    icon = "site"
    list_display = ["code", *VocabularyViewSet.list_display]


class FieldTagViewSet(VocabularyViewSet):
    model = FieldTag
    icon = "tag"
    # A tag's Japanese name is ``name`` (taggit's own field).
    list_display = ["name", "name_en", "synonyms"]
    search_fields = ["name", "name_en", "synonyms"]
    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("synonyms")]


class LanguageViewSet(VocabularyViewSet):
    model = Language
    icon = "globe"
    list_display = ["code", *VocabularyViewSet.list_display]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (RegionViewSet, PrefectureViewSet, FieldTagViewSet, LanguageViewSet)
    menu_label = _("Vocabulary")
    menu_icon = "list-ul"
    menu_order = 210


# ----------------------------------------------------------------------------- privacy reports


class SecretariatOnlyMixin:
    """Consent is the secretariat's business: directory editors do not see these pages."""

    def dispatch(self, request, *args, **kwargs):
        if viewer_tier(request.user) < Tier.SECRETARIAT:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _member_name(record) -> str:
    member = record.member
    return f"{record.member_number} {member.name}" if member else record.member_number


class ConsentLedgerView(SecretariatOnlyMixin, ReportView):
    """Every change of visibility, consent, contact visibility and status: read-only."""

    page_title = _("Consent ledger")
    header_icon = "history"
    index_url_name = "members_consent_ledger"
    index_results_url_name = "members_consent_ledger_results"
    columns = [
        DateColumn("at", label=_("When")),
        Column("member", label=_("Entry"), accessor=_member_name),
        Column("field", label=_("What"), accessor="get_field_display"),
        # The fields' own labels ("from"/"to", i.e. before/after the change): the capitalised
        # "From" is the fund page's column of givers, and translates as such.
        Column("from_value", label=capfirst(_("from"))),
        Column("to_value", label=capfirst(_("to"))),
        Column("how", label=_("How"), accessor="get_how_display"),
        UserColumn("by", label=_("Who")),
    ]
    list_export = ["at", "member_number", "field", "from_value", "to_value", "how", "by"]
    export_filename = "consent-ledger"

    def get_queryset(self):
        return ConsentRecord.objects.select_related("group", "individual", "by")


def _compare_url(state) -> str:
    model = state.content_type.model
    return reverse(
        f"wagtailsnippets_members_{model}:revisions_compare",
        args=[state.object_id, "live", "latest"],
    )


class PendingChangesView(SecretariatOnlyMixin, ReportView):
    """Entries whose edit waits for approval, each linked to its diff (live → latest draft).
    Wagtail's own workflow reports ask for page rights, which the secretariat may not hold."""

    page_title = _("Pending member changes")
    header_icon = "tasks"
    index_url_name = "members_pending_changes"
    index_results_url_name = "members_pending_changes_results"
    columns = [
        TitleColumn("content_object", label=_("Entry"), get_url=_compare_url),
        Column("status", label=_("State"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Requested at")),
        UserColumn("requested_by", label=_("Requested by")),
    ]

    def get_queryset(self):
        content_types = [
            ContentType.objects.get_for_model(model) for model in (GroupMember, IndividualMember)
        ]
        return (
            WorkflowState.objects.active()
            .filter(base_content_type__in=content_types)
            .select_related("content_type", "requested_by")
            .order_by("-created_at")
        )


def _request_url(request: PrivacyRequest) -> str:
    return reverse("members_privacy_request", args=[request.pk])


class PrivacyRequestsView(SecretariatOnlyMixin, ReportView):
    """Members' requests to be shown more widely (or listed again), newest first."""

    page_title = _("Privacy requests")
    header_icon = "view"
    index_url_name = "members_privacy_requests"
    index_results_url_name = "members_privacy_requests_results"
    columns = [
        TitleColumn("member", label=_("Entry"), get_url=_request_url),
        Column("visibility", label=_("Requested visibility"), accessor="audience_label"),
        BooleanColumn("give_consent", label=_("List again")),
        Column("state", label=_("State"), accessor="get_state_display"),
        DateColumn("requested_at", label=_("Requested at")),
        UserColumn("requested_by", label=_("Requested by")),
    ]

    def get_queryset(self):
        queryset = PrivacyRequest.objects.select_related(
            "group", "individual", "requested_by"
        ).prefetch_related("subnetworks")
        if self.request.GET.get("all") != "1":
            queryset = queryset.filter(state=PrivacyRequest.State.PENDING)
        return queryset


class PrivacyRequestView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One request: the entry's live values beside the request; Approve or Reject (POST)."""

    template_name = "memberspace/admin/privacy_request.html"
    page_title = _("Privacy request")
    header_icon = "view"

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.privacy_request = get_object_or_404(PrivacyRequest, pk=pk)

    def get_page_subtitle(self):
        return str(self.privacy_request.member)

    def get_context_data(self, **kwargs):
        member = self.privacy_request.member
        return super().get_context_data(
            privacy_request=self.privacy_request,
            member=member,
            requested_subnetworks=[s.label for s in self.privacy_request.subnetworks.all()],
            audience_now=(
                [s.label for s in member.audience_subnetworks.all()]
                if member.visibility == Visibility.SUBNETWORKS
                else []
            ),
            pending=self.privacy_request.state == PrivacyRequest.State.PENDING,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            raise PermissionDenied
        decide = privacy_request_approve if decision == "approve" else privacy_request_reject
        try:
            decide(request=self.privacy_request, by=request.user)
        except ValueError:
            messages.error(request, _("This request was already decided or cancelled."))
        else:
            if decision == "approve":
                messages.success(request, _("Approved: the entry is now shown as requested."))
            else:
                messages.success(request, _("Rejected: the entry stays as it is."))
        return redirect("members_privacy_requests")
