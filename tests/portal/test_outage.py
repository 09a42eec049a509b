"""A lost database answers a clear 503 page with Retry-After, never the 500 page (portal.outage).

The outage is simulated where it really surfaces: every SQL statement fails with Django's
``OperationalError``, as it does while PostgreSQL restarts. The fault runs of
``make loadtest-faults`` restart a real PostgreSQL under traffic.
"""

from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory, override_settings

from portal.errors import server_error

CONNECTION_LOST = OperationalError("server closed the connection unexpectedly")


def database_down(error: Exception = CONNECTION_LOST):
    return mock.patch.object(CursorWrapper, "execute", side_effect=error)


class FailingSessionMiddleware:
    """A middleware that needs the database before any view runs (as sessions and users do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise InterfaceError("connection already closed")


@override_settings(DEBUG=False)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [("/", "ja", "一時的にご利用いただけません"), ("/en/", "en", "Temporarily unavailable")],
)
def test_a_page_whose_database_is_down_answers_503_in_the_visitors_language(
    client, home_pages, url, lang, heading
):
    client.raise_request_exception = False
    with database_down():
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert f'<html lang="{lang}">' in html and f"<h1>{heading}</h1>" in html
    # Neither a browser nor a page cache may keep the outage page after the database returns.
    assert "no-store" in response["Cache-Control"]


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_the_page_answers_again_once_the_database_is_back(client, home_pages):
    client.raise_request_exception = False
    with database_down():
        assert client.get("/en/").status_code == 503
    assert client.get("/en/").status_code == 200


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_a_database_error_in_a_middleware_also_answers_503(client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailingSessionMiddleware"]
    client.raise_request_exception = False
    response = client.get("/en/members/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert '<html lang="en">' in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_other_errors_still_answer_the_500_page(client, home_pages):
    client.raise_request_exception = False
    with database_down(RuntimeError("a bug, not an outage")):
        response = client.get("/en/")
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


def test_the_500_handler_answers_503_only_while_handling_a_database_error():
    # No django_db mark: rendering the outage page must not need the database.
    request = RequestFactory().get("/news/x/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert server_error(request).status_code == 500


def test_persistent_connections_are_checked_before_reuse():
    # Without it a worker's connection from before a database restart fails its next request.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
