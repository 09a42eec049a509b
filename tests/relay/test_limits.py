"""Rates from the settings, the client address the limit counts, the settings check."""

from datetime import timedelta

import pytest
from django.test import RequestFactory

from relay.checks import relay_settings
from relay.limits import Rate, client_address, client_key


@pytest.mark.parametrize(
    ("text", "count", "seconds"),
    [("5/h", 5, 3600), ("20/d", 20, 86400), ("10/15m", 10, 900), (" 3 / 30s ", 3, 30)],
)
def test_rates_parse(text, count, seconds):
    assert Rate.parse(text) == Rate(count=count, period=timedelta(seconds=seconds))


@pytest.mark.parametrize("text", ["", "5", "5/w", "0/h", "5/0h", "-1/h", "five/h", None])
def test_nonsense_rates_are_refused(text):
    with pytest.raises(ValueError):
        Rate.parse(text)


def test_the_settings_check_names_a_bad_rate(settings):
    settings.RELAY_RATE_PER_GROUP = "20 a day"
    settings.RELAY_MAX_CHARS = 0
    errors = relay_settings(None)
    assert [e.id for e in errors] == ["relay.E001", "relay.E002"]
    assert "RELAY_RATE_PER_GROUP" in errors[0].msg
    settings.RELAY_RATE_PER_GROUP = "20/d"
    settings.RELAY_MAX_CHARS = 2000
    assert relay_settings(None) == []


def test_the_peer_address_by_default(settings):
    settings.RELAY_CLIENT_ADDRESS_HEADER = None
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7", HTTP_X_REAL_IP="203.0.113.1")
    assert client_address(request) == "192.0.2.7"


def test_the_proxys_header_when_configured(settings):
    settings.RELAY_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    request = RequestFactory().post(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    # The last hop is the one the site's own proxy wrote; earlier ones the client may forge.
    assert client_address(request) == "203.0.113.5"


def test_ipv6_clients_are_counted_by_their_64(settings):
    settings.RELAY_CLIENT_ADDRESS_HEADER = None
    one = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1:2::1")
    two = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    other = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert client_address(one) == client_address(two) == "2001:db8:1:2::/64"
    assert client_address(other) != client_address(one)
    mapped = RequestFactory().post("/", REMOTE_ADDR="::ffff:192.0.2.7")
    assert client_address(mapped) == "192.0.2.7"


def test_the_stored_key_does_not_hold_the_address():
    key = client_key("192.0.2.7")
    assert "192" not in key and len(key) == 40
    assert key == client_key("192.0.2.7") != client_key("192.0.2.8")
