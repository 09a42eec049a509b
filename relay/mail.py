"""The two mails of a relayed message, each in its recipient's language.

The group gets the message with Reply-To set to the sender, so a reply goes straight to them;
the sender gets a copy that names the group but never its address (a separate mail, not Cc).
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

# A group's language is not recorded: Japanese, the network's working language.
GROUP_LANGUAGE = "ja"


def _render(template: str, language: str, context: dict) -> str:
    with translation.override(language):
        return render_to_string(f"relay/email/{template}.{language}.txt", context)


def to_group(*, group, name: str, email: str, subject: str, body: str, page_url: str):
    context = {"group": group, "name": name, "email": email, "subject": subject, "body": body,
               "page_url": page_url}  # fmt: skip
    with translation.override(GROUP_LANGUAGE):
        title = _("[SMJ contact form] %(subject)s") % {"subject": subject}
    return EmailMessage(
        subject=title,
        body=_render("to_group", GROUP_LANGUAGE, context),
        to=[group.contact_email],
        reply_to=[email],
    )


def copy_to_sender(
    *, group, name: str, email: str, subject: str, body: str, page_url: str, language: str
):
    language = language if language in ("ja", "en") else GROUP_LANGUAGE
    context = {"group": group, "name": name, "subject": subject, "body": body,
               "page_url": page_url}  # fmt: skip
    with translation.override(language):
        group_name = group.display_name
        title = _("Copy of your message to %(group)s") % {"group": group_name}
        context["group_name"] = group_name
    return EmailMessage(subject=title, body=_render("copy", language, context), to=[email])
