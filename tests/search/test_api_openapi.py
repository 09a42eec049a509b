"""/api/v1/openapi.json: served, valid OpenAPI 3.1, facet parameters read from FACETS."""

import pytest
from schemathesis.openapi import from_dict

from search import openapi
from search.facets import FACETS, Facet

pytestmark = pytest.mark.django_db


def test_the_served_description_is_the_schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == openapi.schema()
    # schemathesis reads it: every operation resolves.
    operations = [result.ok() for result in from_dict(openapi.schema()).get_all_operations()]
    assert {op.path for op in operations} == {
        "/api/v1/members/",
        "/api/v1/search/",
        "/api/v1/suggest/",
        "/api/v1/openapi.json",
    }


def test_every_facet_is_a_parameter_with_its_vocabulary():
    members = openapi.schema()["paths"]["/api/v1/members/"]["get"]["parameters"]
    by_name = {parameter["name"]: parameter["schema"] for parameter in members}
    for facet in FACETS:
        schema = by_name[facet.name]
        values = schema["items"]["enum"] if facet.multiple else schema["enum"]
        assert set(values) == facet.allowed
    facets = openapi.schema()["components"]["schemas"]["Directory"]["properties"]["facets"]
    assert set(facets["properties"]) == {facet.name for facet in FACETS}


def test_a_new_facet_appears_without_editing_the_schema(monkeypatch):
    extra = Facet("colour", "Colour", "colour", "colour", lambda: [("red", "赤", "Red")])
    monkeypatch.setattr(openapi, "FACETS", (*FACETS, extra))
    names = [parameter["name"] for parameter in openapi.facet_parameters()]
    assert names[-1] == "colour"
    assert openapi.facet_parameters()[-1]["schema"]["items"]["enum"] == ["red"]
