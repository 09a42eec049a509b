from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation goes to this address; it becomes the account's user name."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.MAIL_LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        widget=forms.RadioSelect,
    )
