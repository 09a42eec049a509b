"""Small page-tree builders for tests that do not need the whole seeded site."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from portal.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


def publish(parent, page, *, live=True):
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def news_index(home):
    return publish(home, NewsIndexPage(title="News", slug="news", show_in_menus=True))


def news(parent, title, *, kind="statement", date=datetime.date(2020, 5, 1), live=True, **fields):
    page = NewsPage(title=title, kind=kind, date=date, summary=f"About {title}", **fields)
    page.slug = fields.get("slug") or slugify(title)
    return publish(parent, page, live=live)


def event_index(home):
    return publish(home, EventIndexPage(title="Events", slug="events"))


def event(parent, title, *, days_from_now, **fields):
    start = timezone.now() + datetime.timedelta(days=days_from_now)
    fields.setdefault("place", "Nagoya")
    return publish(
        parent,
        EventPage(
            title=title,
            slug=slugify(title),
            kind="workshop",
            start=start,
            end=start + datetime.timedelta(hours=2),
            **fields,
        ),
    )
