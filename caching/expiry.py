"""How long a page may be kept: the TTL setting, never past the next page's ``expire_at``.

A cached listing shows other pages too, so the cap is the earliest unpublish date among all
live pages, not only the page served (one query per stored page, never per cache hit).
"""

import datetime

from django.db.models import Min
from wagtail.models import Page


def seconds_to_keep(ttl: int, *, now: datetime.datetime) -> int:
    if ttl <= 0:
        return 0
    next_expiry = (
        Page.objects.live().filter(expire_at__gt=now).aggregate(first=Min("expire_at"))["first"]
    )
    if next_expiry is None:
        return ttl
    return max(0, min(ttl, int((next_expiry - now).total_seconds())))
