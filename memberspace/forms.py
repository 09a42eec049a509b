"""The member-facing forms: an entry's public content (a draft) and its privacy (not a draft)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import FieldTag, GroupMember, IndividualMember, Language, Prefecture, Visibility

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
    listed = forms.BooleanField(
        label=_("List this entry in the member directory"),
        required=False,
        help_text=_("Untick to withdraw your consent: the entry disappears at once."),
    )

    def __init__(self, *args, member: Member, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "visibility": member.visibility,
                "listed": member.consent_given_at is not None
                and member.consent_withdrawn_at is None,
            },
        )
        super().__init__(*args, **kwargs)
        # The kind's own choices: a person is never public. Which sub-networks an audience of
        # "members of chosen sub-networks" names is set by the secretariat in the admin, so a
        # member keeps that choice when it is theirs already and cannot pick it with none.
        self.fields["visibility"].choices = [
            (value, label)
            for value, label in member._meta.get_field("visibility").choices
            if value != Visibility.SUBNETWORKS or member.visibility == Visibility.SUBNETWORKS
        ]

    def cleaned_visibility(self) -> Visibility:
        return Visibility(self.cleaned_data["visibility"])
