"""The catalogue's public API in the hub's OpenAPI document (:mod:`hub.openapi`)."""

from __future__ import annotations

from shared.catalogue.listing import MAX_QUERY
from shared.core.vocabulary import SECTORS
from shared.web.openapi import error_responses, json_content

_RESOURCE = {
    "type": "object",
    "required": ["category", "text"],
    "properties": {"category": {"type": "string"}, "text": {"type": "string"}},
}
_PARTICIPANT = {
    "type": "object",
    "description": "one participant shown in the catalogue: never contact details",
    "required": ["id", "name", "sector", "needs", "offers"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "sector": {"type": "string"},
        "needs": {"type": "array", "items": _RESOURCE, "description": "the needs that matched"},
        "offers": {"type": "array", "items": _RESOURCE, "description": "the offers that matched"},
    },
}
_CATEGORY = {
    "type": "object",
    "required": ["code", "name_nb", "name_en"],
    "properties": {
        "code": {"type": "string"},
        "name_nb": {"type": "string"},
        "name_en": {"type": "string"},
    },
}
_ANSWER = {
    "type": "object",
    "required": ["query", "total", "page", "pages", "participants", "categories"],
    "properties": {
        "query": {
            "type": "object",
            "properties": {k: {"type": "string"} for k in ("q", "category", "sector")},
        },
        "total": {"type": "integer", "description": "all found (100 a page are listed)"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "participants": {"type": "array", "items": _PARTICIPANT},
        "categories": {"type": "array", "items": _CATEGORY},
    },
}

CATALOGUE_PATHS = {
    "/api/catalogue": {
        "get": {
            "summary": "The public catalogue (børskatalog), searched: no login, no contact details",
            "description": (
                "Every typed word must start a word of the participant's name or of one of "
                "their needs or offers, folded for case and Norwegian letters ('bors' finds "
                "'børs'). Unknown categories or sectors are refused (400) with their code: "
                "unknown_category, unknown_sector, query_too_long, invalid_page."
            ),
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY}},
                {"name": "category", "in": "query", "schema": {"type": "string"}},
                {"name": "sector", "in": "query", "schema": {"enum": ["", *SECTORS]}},
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            ],
            "responses": {
                "200": {"description": "what the search found", **json_content(_ANSWER)},
                **error_responses(400),
            },
        }
    },
}
