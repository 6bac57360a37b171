"""Pieces of the OpenAPI documents both apps publish at ``/api/openapi.json``."""

from __future__ import annotations

from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS
from shared.deals.rules import MAX_BROKER, MAX_GIVES, MAX_PARTIES
from shared.participants.rules import MAX_NAME

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "stable machine code"},
        "message": {"type": "string"},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "code": {"type": "string"}},
            },
        },
    },
}

PARTY = {
    "type": "object",
    "properties": {
        "participant_id": {"type": "string", "format": "uuid"},
        "walk_in": {
            "type": "object",
            "required": ["name", "sector"],
            "properties": {
                "name": {"type": "string", "maxLength": MAX_NAME},
                "sector": {"type": "string", "enum": list(SECTORS)},
            },
        },
        "gives": {"type": "string", "maxLength": MAX_GIVES},
    },
}

DEAL_INPUT = {
    "type": "object",
    "required": ["parties", "category", "kind", "deadline"],
    "properties": {
        "parties": {"type": "array", "minItems": 2, "maxItems": MAX_PARTIES, "items": PARTY},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "kind": {"type": "string", "enum": list(DEAL_KINDS)},
        "deadline": {"type": "string", "format": "date"},
        "broker": {"type": "string", "maxLength": MAX_BROKER},
    },
}

DEAL = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "number": {"type": "string"},
        "parties": {"type": "array", "items": PARTY},
        "category": {"type": "string"},
        "kind": {"type": "string"},
        "deadline": {"type": "string"},
        "broker": {"type": "string"},
        "registered_at": {"type": "string", "format": "date-time"},
        "revision": {"type": "string"},
        "voided": {"type": "boolean"},
        "conflict": {"type": "boolean"},
    },
}


def error_responses(*statuses: int) -> dict:
    return {
        str(status): {
            "description": "refused, with a stable error code",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for status in statuses
    }


def json_content(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def document(title: str, paths: dict, schemas: dict) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Error": ERROR, **schemas}},
    }
