"""RSS and Atom feeds of one locale's news, served by ``NewsIndexPage`` routes."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsFeed(Feed):
    route = "feed/"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        # The feed's own address from the Site record (SITE_URL), like every other link in it,
        # instead of the host the request happened to use.
        return index_page.get_full_url(self.request) + self.route

    def description(self, index_page):
        return index_page.intro or index_page.title

    def items(self, index_page):
        # No request: a feed is public whoever fetched it, so private pages never enter it.
        return index_page.news(request=None)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_text()[:300]

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_categories(self, item):
        return [item.get_kind_display(), *(tag.label for tag in item.tags.all())]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    route = "feed/atom/"
    subtitle = NewsFeed.description
