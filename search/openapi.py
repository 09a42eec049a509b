"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

Written by hand beside the views (``search.api``) it describes. The facet parameters, the keys
of ``facets`` and ``nationwide``, and their allowed values are generated from ``FACETS``, so a
new facet appears here without an edit. Every object is closed (``additionalProperties: false``):
the schemathesis run (tests/search/test_api_contract.py) fails on a field the schema does not
name, and the schema names only public data.
"""

from functools import cache

from .facets import FACETS, KINDS
from .params import MAX_PAGE, SORTS, WHERE_OFFICE
from .text import MAX_QUERY_CHARS

REF = "#/components/schemas/"


def _obj(properties: dict, *, optional: tuple[str, ...] = ()) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


STRING = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}
NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}
PAGE = {"type": "integer", "minimum": 1}
FACET_NAME = {"type": "string", "enum": [facet.name for facet in FACETS]}

LABELLED = _obj({"value": STRING, "label": STRING})

MEMBER_CARD = _obj(
    {
        "id": {**STRING, "description": "The member's URL key (slug); never a database id."},
        "type": {"type": "string", "enum": [kind for kind, _ja, _en in KINDS]},
        "type_label": STRING,
        "name": STRING,
        "name_en": STRING,
        "kana": STRING,
        "display_name": STRING,
        "display_lang": {"type": "string", "enum": ["", "ja"]},
        "prefecture": {"oneOf": [_ref("Labelled"), {"type": "null"}]},
        "location": STRING,
        "fields": _array(_ref("Labelled")),
        "languages": _array(_ref("Labelled")),
        "snippet": {**STRING, "description": "HTML-escaped text; matched words in <mark>."},
        "url": STRING,
    }
)

PAGE_CARD = _obj(
    {
        "id": {**STRING, "description": "The page's path."},
        "type": {"type": "string", "not": {"enum": [kind for kind, _ja, _en in KINDS]}},
        "type_label": STRING,
        "name": STRING,
        "display_name": STRING,
        "snippet": STRING,
        "url": STRING,
    }
)

FACET_VALUE = _obj(
    {
        "value": STRING,
        "label": STRING,
        "count": {**NULLABLE_COUNT, "description": "null when the database answered."},
        "selected": {"type": "boolean"},
    }
)

PAGED = {"count": COUNT, "page": PAGE, "num_pages": PAGE}

DIRECTORY = _obj(
    {
        **PAGED,
        "results": _array(_ref("MemberCard")),
        "facets": _obj({facet.name: _array(_ref("FacetValue")) for facet in FACETS}),
        "did_you_mean": {"type": ["string", "null"]},
        "broader": _array(_obj({"facet": FACET_NAME, "count": COUNT})),
        "unfiltered_count": NULLABLE_COUNT,
        "listed": _obj(
            {kind: COUNT for kind, _ja, _en in KINDS}, optional=tuple(k for k, _j, _e in KINDS)
        ),
        "nationwide": _obj(
            {facet.name: COUNT for facet in FACETS if facet.reach},
            optional=tuple(facet.name for facet in FACETS if facet.reach),
        ),
        "search_unavailable": {"type": "boolean"},
        "understood": _array(_obj({"words": STRING, "facet": FACET_NAME, "value": STRING})),
        "as_filters": {"type": "boolean"},
        "offers": _array(
            _obj(
                {
                    "words": STRING,
                    "facet": FACET_NAME,
                    "value": STRING,
                    "label": STRING,
                    "query": {**STRING, "description": "A /members/ query string."},
                }
            )
        ),
    }
)

SITE = _obj({**PAGED, "results": _array({"anyOf": [_ref("MemberCard"), _ref("PageCard")]})})

SUGGESTIONS = _obj(
    {
        "suggestions": _array(
            _obj(
                {
                    "text": STRING,
                    "type": {"type": "string", "enum": ["field", "name"]},
                    "value": STRING,
                }
            )
        )
    }
)

ERROR = _obj(
    {
        "error": {"type": "string", "enum": ["search_unavailable", "page_out_of_range"]},
        "detail": STRING,
        "num_pages": PAGE,
    },
    optional=("detail", "num_pages"),
)

Q = {
    "name": "q",
    "in": "query",
    "description": "Words; NFKC-normalised and cut to the first characters.",
    "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
}
PAGE_PARAM = {
    "name": "page",
    "in": "query",
    "description": "A page past the end answers 404.",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
}


def facet_parameters() -> list[dict]:
    """One query parameter per facet, its values the facet's vocabulary."""
    parameters = []
    for facet in FACETS:
        value = {"type": "string", "enum": sorted(facet.allowed)}
        schema = _array(value) if facet.multiple else value
        parameters.append(
            {
                "name": facet.name,
                "in": "query",
                "description": "Repeatable: a member matching any chosen value matches."
                if facet.multiple
                else "One value.",
                "schema": schema,
                "style": "form",
                "explode": True,
            }
        )
    return parameters


def _json(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _unavailable() -> dict:
    return {
        **_json("Elasticsearch is unavailable.", "Error"),
        "headers": {
            "Retry-After": {
                "description": "Seconds until search is tried again.",
                "schema": {"type": "string", "pattern": "^[0-9]+$"},
            }
        },
    }


def _paged_responses(body: str) -> dict:
    return {
        "200": _json("One page of results.", body),
        "404": _json("A page past the end.", "Error"),
        "503": _unavailable(),
    }


@cache
def schema() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tsunagaru directory API",
            "version": "1",
            "description": "The member directory, site search and suggestions as JSON. Every "
            "answer holds only what the viewer's tier (anonymous, network member, secretariat) "
            "may see; a viewer is known by the site's session cookie.",
        },
        "paths": {
            "/api/v1/members/": {
                "get": {
                    "operationId": "members",
                    "summary": "The member directory (the /members/ page as data).",
                    "parameters": [
                        Q,
                        *facet_parameters(),
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(SORTS)},
                        },
                        {
                            "name": "where",
                            "in": "query",
                            "description": "office: place filters read the office only.",
                            "schema": {"type": "string", "enum": [WHERE_OFFICE]},
                        },
                        PAGE_PARAM,
                    ],
                    # No 503: while Elasticsearch is down the database answers
                    # (search_unavailable: true, counts null).
                    "responses": {
                        "200": _json("One page of members.", "Directory"),
                        "404": _json("A page past the end.", "Error"),
                    },
                }
            },
            "/api/v1/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Site search: pages in the current language and members.",
                    "parameters": [Q, PAGE_PARAM],
                    "responses": _paged_responses("Site"),
                }
            },
            "/api/v1/suggest/": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Up to 8 field-tag and name completions.",
                    "parameters": [Q],
                    "responses": {
                        "200": _json("Completions.", "Suggestions"),
                        "503": _unavailable(),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This description.",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Labelled": LABELLED,
                "MemberCard": MEMBER_CARD,
                "PageCard": PAGE_CARD,
                "FacetValue": FACET_VALUE,
                "Directory": DIRECTORY,
                "Site": SITE,
                "Suggestions": SUGGESTIONS,
                "Error": ERROR,
            }
        },
    }
