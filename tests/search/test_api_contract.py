"""The API contract: schemathesis fuzzes /api/v1/ from its own /api/v1/openapi.json against the
real Elasticsearch holding the demo network, for each viewer tier.

Every response: no 5xx, status code, content type and body match the schema, and no key
anywhere in a body is outside ``PUBLIC_FIELDS``, written out here rather than read from the
schema, so a field added to both the view and the schema still needs a decision in this file.
"""

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from members.models.privacy import NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP
from search.indexing import ensure_indices
from search.openapi import schema as openapi_schema

pytestmark = [pytest.mark.elasticsearch, pytest.mark.fuzz, pytest.mark.django_db]

PUBLIC_FIELDS = frozenset(
    {
        # bodies
        "count", "page", "num_pages", "results", "facets", "did_you_mean", "broader",
        "unfiltered_count", "listed", "nationwide", "search_unavailable", "understood",
        "as_filters", "offers", "suggestions", "error", "detail",
        # result cards
        "id", "type", "type_label", "name", "name_en", "kana", "display_name", "display_lang",
        "prefecture", "location", "fields", "languages", "snippet", "url", "last_confirmed",
        "stale",
        # facet values, labels, suggestions, offers
        "value", "label", "selected", "facet", "words", "query", "text",
        # facet names (keys of facets/nationwide) and kinds (keys of listed)
        "region", "field", "language", "network", "group", "individual",
    }
)  # fmt: skip

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(openapi_schema()).exclude(path="/api/v1/openapi.json")


def keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys(v) for v in value))
    return set()


@pytest.fixture(scope="module")
def app():
    """The real WSGI app, minus closing the database connection after each request (as
    Django's test client does): on PostgreSQL that would close the test's own transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def sessions(demo_index, django_db_blocker):
    """A session cookie per tier (anonymous: none)."""
    cookies = {"anonymous": {}}
    ensure_indices()  # demo_index builds the members index only; site search reads pages too
    with django_db_blocker.unblock():
        for tier, group in (("member", NETWORK_MEMBERS_GROUP), ("secretariat", SECRETARIAT_GROUP)):
            user, _ = User.objects.get_or_create(username=f"contract-{tier}")
            user.groups.add(Group.objects.get_or_create(name=group)[0])
            client = Client()
            client.force_login(user)
            cookies[tier] = {"sessionid": client.cookies["sessionid"].value}
    return cookies


@pytest.mark.parametrize("tier", ["anonymous", "member", "secretariat"])
@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_api_keeps_its_contract(case, tier, app, sessions, patient_elasticsearch):
    response = case.call(app=app, cookies=sessions[tier])
    case.validate_response(response, checks=CHECKS)
    if case.method != "GET":  # schemathesis also tries other methods: refused, no body to read
        assert response.status_code in (403, 405), (case.method, response.status_code)
        return
    outside = keys(response.json()) - PUBLIC_FIELDS
    assert not outside, (case.path, case.query, outside)
