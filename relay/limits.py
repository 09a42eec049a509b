"""How many messages a client address, a sender and a group may send, counted in the log.

A sliding window over ``RelayMessage.sent_at``: a client that reached its limit may write again
as soon as its oldest counted message is older than the period. The rows are in the database,
so every worker counts the same; ``relay.services`` counts and logs under a lock on the group.
"""

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac

from .models import RelayMessage, RelayStatus

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    period: timedelta

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """``"5/h"``, ``"20/d"``, ``"10/15m"``: at most ``count`` messages per period."""
        match = _RATE.match(text or "")
        if not match or int(match[1]) < 1 or match[2] == "0":
            raise ValueError(f"not a rate like 5/h or 10/15m: {text!r}")
        seconds = int(match[2] or 1) * _UNIT_SECONDS[match[3]]
        return cls(count=int(match[1]), period=timedelta(seconds=seconds))


def per_address() -> Rate:
    return Rate.parse(settings.RELAY_RATE_PER_ADDRESS)


def per_group() -> Rate:
    return Rate.parse(settings.RELAY_RATE_PER_GROUP)


def client_address(request) -> str:
    """The visitor's address as the limit sees it: from ``RELAY_CLIENT_ADDRESS_HEADER`` behind
    a proxy, else the peer. An IPv6 client is counted by its /64, which one household or one
    server usually holds whole, so rotating through it gains nothing."""
    header = settings.RELAY_CLIENT_ADDRESS_HEADER
    if header:
        name = "HTTP_" + header.upper().replace("-", "_").removeprefix("HTTP_")
        # A list (X-Forwarded-For): the last entry is the one our own proxy added.
        raw = request.META.get(name, "").split(",")[-1].strip()
    else:
        raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def client_key(address: str) -> str:
    return salted_hmac("relay.client", address).hexdigest()[:40]


def sender_key(email: str) -> str:
    return salted_hmac("relay.sender", email.strip().lower()).hexdigest()[:40]


def seconds_until_allowed(*, group_id: int, client: str, sender: str, now: datetime) -> int:
    """0 when one more message may go out now; otherwise how long until it may.

    The address limit counts every attempt from the address or with the sender's address,
    robots' included (the copy to the sender must not become a way to mail anyone); the
    group's limit counts only messages that were meant for delivery, so robots cannot use
    up a group's quota."""
    address_rate, group_rate = per_address(), per_group()
    waits = [
        _wait(RelayMessage.objects.filter(client_key=client), address_rate, now),
        _wait(RelayMessage.objects.filter(sender_key=sender), address_rate, now),
        _wait(
            RelayMessage.objects.filter(group_id=group_id).exclude(status=RelayStatus.DROPPED),
            group_rate,
            now,
        ),
    ]
    return max(waits)


def _wait(messages, rate: Rate, now: datetime) -> int:
    recent = messages.filter(sent_at__gt=now - rate.period).order_by("-sent_at")
    times = list(recent.values_list("sent_at", flat=True)[: rate.count])
    if len(times) < rate.count:
        return 0
    # The oldest of the last ``count`` messages must leave the window first.
    remaining = times[-1] + rate.period - now
    return max(1, int(remaining.total_seconds() + 0.999))
