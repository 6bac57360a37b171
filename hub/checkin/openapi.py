"""The door's part of the hub's OpenAPI document (merged in :mod:`hub.openapi`)."""

from __future__ import annotations

from shared.web.openapi import error_responses, json_content

_ORGANISER = (401, 403)
_PDF = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
_ONE = {"name": "participant", "in": "query", "schema": {"type": "string", "format": "uuid"}}
# A printout's address is opened in a browser: a refusal is a calm page, not JSON.
_PAGE_REFUSALS = {
    str(status): {
        "description": "refused: a page that says why",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
    for status in (400, 401, 403, 404)
}

ARRIVALS_PATHS = {
    "/api/arrivals": {
        "get": {
            "summary": "Who has arrived (organiser): the count, per sector, in order, and who "
            "signed up and has not come",
            "responses": {
                "200": {
                    "description": "arrivals",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["arrived", "by_sector", "arrivals", "not_come"],
                            "properties": {
                                "arrived": {"type": "integer"},
                                "by_sector": {
                                    "type": "object",
                                    "additionalProperties": {"type": "integer"},
                                },
                                "walk_ins": {"type": "integer"},
                                "arrivals": {"type": "array", "items": {"type": "object"}},
                                "not_come": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER),
            },
        }
    },
    "/print/badges.pdf": {
        "get": {
            "summary": "Name tags (organiser). POST the same fields from the arrivals page to "
            "note them as printed. X-Badges-Cut counts names that did not fit even shrunk",
            "parameters": [
                {
                    "name": "sheet",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["a4-2x5", "a4-3x8", "single"]},
                },
                {
                    "name": "which",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["all", "unprinted", "one"]},
                },
                _ONE,
            ],
            "responses": {
                "200": {"description": "the name tags", **_PDF},
                **_PAGE_REFUSALS,
            },
        }
    },
    "/print/posters.pdf": {
        "get": {
            "summary": "Posters for the poster workshop (organiser): logo, name, Vi tilbyr, "
            "Vi trenger; one participant a page",
            "parameters": [
                {"name": "size", "in": "query", "schema": {"type": "string", "enum": ["A4", "A3"]}},
                _ONE,
            ],
            "responses": {
                "200": {"description": "the posters", **_PDF},
                **_PAGE_REFUSALS,
            },
        }
    },
}
