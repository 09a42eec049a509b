"""The directory in the Wagtail admin: snippet viewsets for groups and individuals.

Who may open, add, edit or delete a member is the job of the model permissions held by the
"Directory editors" and "Secretariat" groups (migration 0004): editors maintain every record,
including lapsed, withdrawn and secretariat-only ones. Private contacts are different: every
admin path that could show them (edit form, inspect view, spreadsheet export) asks the one rule,
``contacts_visible_to(viewer_tier(user))``; the edit form hides the contact fields from anyone
without ``members.view_private_contacts``, which ``viewer_tier`` maps to the secretariat tier.
"""

import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import (
    ContactFields,
    FieldTag,
    GroupMember,
    IndividualMember,
    Language,
    Prefecture,
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

    def filter_listed(self, queryset, name, value):
        if value is None:
            return queryset
        listed = queryset.model.objects.listed().values("pk")
        return queryset.filter(pk__in=listed) if value else queryset.exclude(pk__in=listed)


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
        show_contacts = item.contacts_visible_to(self.tier)
        row = {}
        for key in self.list_export:
            column = COLUMN_BY_KEY[key]
            if column.private and not show_contacts:
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
        if obj is None or not obj.contacts_visible_to(tier):
            fields = [f for f in fields if f not in ContactFields.CONTACT_FIELDS]
        return fields


def contact_panel() -> MultiFieldPanel:
    # The permission on each FieldPanel removes the field from the form itself (not only from
    # the page), so an editor's save can neither read nor overwrite the contacts.
    fields = [*ContactFields.CONTACT_FIELDS, "contact_visibility"]
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
    inspect_view_class = MemberInspectView
    inspect_view_enabled = True
    # The ORM search of ``MemberIndexView.search_queryset``: admin search never goes through
    # Elasticsearch, and contact fields are not searchable so that a search cannot probe them.
    search_backend_name = None
    search_fields = ["name", "kana", "romaji", "member_number"]
    list_per_page = 50
    ordering = ["kana", "name"]
    inspect_view_fields_exclude = ["id", "romaji", "created_at", "updated_at"]


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
