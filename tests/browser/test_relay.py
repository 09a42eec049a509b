"""The contact relay in a real browser: an anonymous visitor on a phone writes to a group.

The group page comes with a token-less CSRF field that static/js/csrf.js fills from /csrf/;
the journey proves a person can send with it, and that the form passes the page checks at
both widths, in Japanese and English. ``SCREENSHOTS=<dir>`` saves each step.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.models import GroupMember, Visibility

from .checks import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

HEADING = {"ja": "この団体に連絡する", "en": "Write to this group"}
SENT = {"ja": "メッセージを送信しました", "en": "Message sent"}
SEND = {"ja": "送信する", "en": "Send message"}


def writable_group() -> GroupMember:
    group = (
        GroupMember.objects.listed()
        .filter(visibility=Visibility.PUBLIC, accepts_messages=True)
        .exclude(contact_email="")
        .order_by("pk")
        .first()
    )
    assert group is not None, "the seed made no public group with a contact address"
    return group


def send_message(page, *, language: str) -> None:
    form = page.locator("[data-testid=relay-form]")
    form.scroll_into_view_if_needed()
    form.locator("input[name=name]").fill("グエン・ティ・ラン")
    form.locator("input[name=email]").fill("lan@visitor.example")
    form.locator("input[name=subject]").fill("日本語教室について")
    form.locator("textarea[name=message]").fill("はじめまして。日本語教室に参加できますか。")
    form.locator("input[name=consent]").check()
    # csrf.js has filled the token from /csrf/ by now (the page itself carries none).
    expect(form.locator("input[name=csrfmiddlewaretoken]")).not_to_have_value("")
    with page.expect_navigation():
        form.get_by_role("button", name=SEND[language]).click()


@pytest.mark.parametrize(
    ("language", "width"), [("ja", 390), ("en", 390), ("ja", 1280), ("en", 1280)]
)
def test_an_anonymous_visitor_writes_to_a_group(site, pages, shoot, language, width):
    group = writable_group()
    prefix = "" if language == "ja" else f"/{language}"
    page = pages(width)
    page.goto(site.at(f"{prefix}{group.get_absolute_url()}"))
    expect(page.get_by_role("heading", name=HEADING[language])).to_be_visible()
    # The honeypot is there for robots but hidden from people.
    expect(page.locator("input[name=homepage]")).to_be_hidden()
    assert_page_ok(page)
    shoot(page, f"relay-01-group-{language}")

    send_message(page, language=language)
    expect(page.locator("h1")).to_have_text(SENT[language])
    assert group.contact_email not in page.content()
    assert_page_ok(page)
    shoot(page, f"relay-02-sent-{language}")

    to_group, copy = mail.outbox[-2:]
    assert to_group.to == [group.contact_email]
    assert to_group.reply_to == ["lan@visitor.example"]
    assert copy.to == ["lan@visitor.example"]


def test_a_form_error_is_shown_on_the_forms_own_page(site, pages):
    group = writable_group()
    page = pages(390)
    page.goto(site.at(group.get_absolute_url()))
    form = page.locator("[data-testid=relay-form]")
    form.locator("input[name=name]").fill("ラン")
    form.locator("input[name=email]").fill("lan@visitor.example")
    form.locator("input[name=subject]").fill("件名")
    form.locator("textarea[name=message]").fill("本文")
    expect(form.locator("input[name=csrfmiddlewaretoken]")).not_to_have_value("")
    # Without the consent box ticked the browser itself refuses; drop `required` to see the
    # server's answer, as a browser without validation would.
    form.locator("input[name=consent]").evaluate("box => box.removeAttribute('required')")
    with page.expect_navigation():
        form.get_by_role("button", name=SEND["ja"]).click()
    expect(page.locator(".relay-consent .field-error")).to_be_visible()
    expect(page.locator("textarea[name=message]")).to_have_value("本文")
    assert_page_ok(page)
    assert mail.outbox == []
