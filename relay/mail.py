"""The two mails of a relayed message, each in its recipient's language (``portal.mail``).

The group gets the message with Reply-To set to the sender, so a reply goes straight to them;
the sender gets a copy that names the group but never its address (a separate mail, not Cc).
"""

from django.core.mail import EmailMessage

from portal.mail import mail_language, render_mail


def to_group(
    *, group, name: str, email: str, subject: str, body: str, page_url: str
) -> EmailMessage:
    # The address is the group's, not an account's: no saved language, no page, so Japanese.
    context = {"group": group, "name": name, "email": email, "subject": subject, "body": body,
               "page_url": page_url}  # fmt: skip
    rendered = render_mail("relay/email/to_group", language=mail_language(), context=context)
    return rendered.message(to=[group.contact_email], reply_to=[email])


def copy_to_sender(
    *, group, name: str, email: str, subject: str, body: str, page_url: str, language: str
) -> EmailMessage:
    """``language``: ``mail_language`` of the sender (their saved one, or the page's)."""
    context = {"group": group, "name": name, "subject": subject, "body": body,
               "page_url": page_url}  # fmt: skip
    rendered = render_mail("relay/email/copy", language=language, context=context)
    return rendered.message(to=[email])
