"""Site-wide page types. One module per concept; ``__all__`` is the public surface.

Every page type has ``search_kind`` (a short label for the search index) and
``search_text() -> str`` (its main content as plain text) for the search app's serializers.
"""

from .events import EventIndexPage, EventKind, EventPage
from .fund import FundPage
from .home import HomePage
from .listing import ListingPage
from .news import NewsIndexPage, NewsKind, NewsPage, NewsPageFieldTag
from .pillars import Pillar, PillarPage
from .publications import PublicationIndexPage, PublicationPage
from .qa import QAIndexPage, QAPage
from .site_settings import SiteSettings
from .standard import StandardPage

__all__ = [
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "FundPage",
    "HomePage",
    "ListingPage",
    "NewsIndexPage",
    "NewsKind",
    "NewsPage",
    "NewsPageFieldTag",
    "Pillar",
    "PillarPage",
    "PublicationIndexPage",
    "PublicationPage",
    "QAIndexPage",
    "QAPage",
    "SiteSettings",
    "StandardPage",
]
