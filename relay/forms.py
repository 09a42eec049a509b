from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The honeypot's name: a field robots like to fill. People never see it (relay.css hides it
# with display: none, so neither screen readers nor the tab key reach it either).
HONEYPOT = "homepage"


def _one_line(value: str) -> str:
    # Name and subject go into mail headers and the first lines of the mail: a line break
    # there could forge a header, and is never meant.
    return " ".join(value.split())


class RelayForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The group replies to this address; you also get a copy of your message."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"))  # its length limit: __init__
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and email address are passed on to this group so that it "
            "can reply to me."
        ),
    )

    def __init__(self, *args, **kwargs):
        # Ids of their own: the form sits on the group page beside other forms.
        kwargs.setdefault("auto_id", "relay-%s")
        super().__init__(*args, **kwargs)
        # From the settings at use, not at import: tests and deployments change the limit.
        limit = settings.RELAY_MAX_CHARS
        self.fields["message"] = forms.CharField(
            label=_("Message"),
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=_("At most %(count)s characters.") % {"count": limit},
        )

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    def clean_subject(self) -> str:
        return _one_line(self.cleaned_data["subject"])

    @property
    def trapped(self) -> bool:
        """True when a robot filled in the honeypot (only meaningful once validated)."""
        return bool(self.cleaned_data.get(HONEYPOT))
