"""E-mail in its recipient's language: one rule picks the language, one function renders a
message from its templates for that language.

Every message is a pair of templates per language of ``settings.MAIL_LANGUAGES``:
``<name>_subject_<language>.txt`` and ``<name>_<language>.txt``.

The language a person saved is Wagtail's ``UserProfile.preferred_language``, the one profile
every account has: Wagtail's own workflow notifications read it too, so a member hears of an
approval in the language of the rest of their mail. The member pages set it to the language
they are read in (``remember_mail_language``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.users.models import UserProfile


def mail_languages() -> list[str]:
    return [code for code, _name in settings.MAIL_LANGUAGES]


def page_mail_language(page_language: str) -> str:
    """The mail language for a page language: やさしい日本語 reads Japanese, a language without
    mail templates English."""
    language = settings.LANGUAGE_FALLBACKS.get(page_language, page_language)
    return language if language in mail_languages() else "en"


def saved_mail_language(user) -> str:
    """The language ``user`` saved, if it is a mail language; "" for none (or no account)."""
    if user is None or not getattr(user, "pk", None):
        return ""
    profile = UserProfile.objects.filter(user=user).only("preferred_language").first()
    language = profile.preferred_language if profile else ""
    return language if language in mail_languages() else ""


def mail_language(*, user=None, page_language: str | None = None) -> str:
    """The one rule: the language the recipient saved, else the language of the page the mail
    was asked from (``page_language``), else Japanese, the network's language."""
    return (
        saved_mail_language(user)
        or (page_mail_language(page_language) if page_language else "")
        or settings.LANGUAGE_CODE
    )


def remember_mail_language(*, user, page_language: str) -> None:
    """Keep the mail language of the page ``user`` reads the member pages in (written only when
    it changes: one read per visit)."""
    language = page_mail_language(page_language)
    if saved_mail_language(user) != language:
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


@dataclass(frozen=True)
class RenderedMail:
    language: str
    subject: str
    body: str

    def message(self, *, to: list[str], **kwargs) -> EmailMessage:
        return EmailMessage(subject=self.subject, body=self.body, to=to, **kwargs)


def render_mail(name: str, *, language: str, context: dict) -> RenderedMail:
    """Subject and body of message ``name`` in ``language`` (one of ``MAIL_LANGUAGES``),
    rendered with that language active, so dates, links and names in the context's objects
    follow it too."""
    if language not in mail_languages():
        raise ValueError(f"no mail templates for language {language!r}")
    with translation.override(language):
        subject = render_to_string(f"{name}_subject_{language}.txt", context)
        body = render_to_string(f"{name}_{language}.txt", context)
    # A subject is one line, whatever the template's line breaks.
    return RenderedMail(language=language, subject=" ".join(subject.split()), body=body)
