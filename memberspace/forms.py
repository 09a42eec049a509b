"""The member-facing forms: an entry's public content (a draft) and its privacy (not a draft)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import (
    FieldTag,
    GroupMember,
    IndividualMember,
    Language,
    Prefecture,
    SubNetwork,
    Visibility,
)

Member = GroupMember | IndividualMember


def _checkboxes(queryset, label) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=queryset, label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


class EntryForm(forms.ModelForm):
    """Binds to the entry's latest revision; saving it with ``commit=False`` and ``save_m2m``
    changes only the instance in memory (parental relations), never the live row."""

    # A controlled vocabulary: ticked from the list, not typed as free tags.
    fields = _checkboxes(FieldTag.objects.all(), _("fields of activity"))
    languages = _checkboxes(Language.objects.all(), _("languages"))

    # The fields ``pending_changes`` compares between the live entry and its draft.
    @classmethod
    def compared_fields(cls) -> list[str]:
        return list(cls._meta.fields)


class GroupEntryForm(EntryForm):
    service_prefectures = _checkboxes(Prefecture.objects.all(), _("service area (prefectures)"))

    class Meta:
        model = GroupMember
        fields = [
            "name",
            "kana",
            "name_en",
            "description_ja",
            "description_en",
            "website",
            "public_email",
            "prefecture",
            "municipality",
            "service_prefectures",
            "serves_nationwide",
            "serves_overseas",
            "fields",
            "languages",
        ]
        widgets = {"description_ja": forms.Textarea(attrs={"rows": 6})}


class IndividualEntryForm(EntryForm):
    class Meta:
        model = IndividualMember
        fields = ["name", "kana", "occupation", "bio", "prefecture", "fields", "languages"]


ENTRY_FORMS: dict[str, type[EntryForm]] = {
    GroupMember.kind: GroupEntryForm,
    IndividualMember.kind: IndividualEntryForm,
}


class PrivacyForm(forms.Form):
    """Who may see the entry, and whether it is listed at all."""

    visibility = forms.ChoiceField(label=_("Who may see this entry"), widget=forms.RadioSelect)
    subnetworks = forms.ModelMultipleChoiceField(
        queryset=SubNetwork.objects.none(),
        to_field_name="slug",
        label=_("Which sub-networks"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members of the ticked sub-networks (and the secretariat) see the entry."),
    )
    listed = forms.BooleanField(
        label=_("List this entry in the member directory"),
        required=False,
        help_text=_("Untick to withdraw your consent: the entry disappears at once."),
    )

    def __init__(self, *args, member: Member, **kwargs):
        chosen = member.audience_subnetworks.all()
        kwargs.setdefault(
            "initial",
            {
                "visibility": member.visibility,
                "subnetworks": [subnetwork.slug for subnetwork in chosen]
                if member.visibility == Visibility.SUBNETWORKS
                else [],
                "listed": member.consent_given_at is not None
                and member.consent_withdrawn_at is None,
            },
        )
        super().__init__(*args, **kwargs)
        # A member may show the entry to the sub-networks it takes part in. Sub-networks the
        # secretariat chose besides those stay ticked, so keeping them is no change and
        # unticking one narrows.
        offered = SubNetwork.objects.filter(
            models.Q(pk__in=member.subnetworks.values("pk")) | models.Q(pk__in=chosen.values("pk"))
        ).distinct()
        self.fields["subnetworks"].queryset = offered
        # The kind's own choices (a person is never public); the sub-network audience only
        # when there is a sub-network to choose.
        self.fields["visibility"].choices = [
            (value, label)
            for value, label in member._meta.get_field("visibility").choices
            if value != Visibility.SUBNETWORKS or offered.exists()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == Visibility.SUBNETWORKS and not cleaned.get("subnetworks"):
            self.add_error("subnetworks", _("Tick at least one sub-network."))
        return cleaned

    def cleaned_visibility(self) -> Visibility:
        return Visibility(self.cleaned_data["visibility"])

    def cleaned_subnetworks(self) -> list[str]:
        """The chosen slugs, only for an audience of chosen sub-networks."""
        if self.cleaned_visibility() is not Visibility.SUBNETWORKS:
            return []
        return [subnetwork.slug for subnetwork in self.cleaned_data["subnetworks"]]
