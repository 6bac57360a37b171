"""The kiosk's API, described for clients and for the API fuzzer (tests/test_api_fuzz.py).

Every call but the status may answer 423 ``kiosk_locked`` when the tablet has a PIN and sat idle;
a form-encoded POST without the session's token is refused 403 (CSRF).
"""

from kiosk.checkin.openapi import CHECKIN_PATHS
from shared.web.openapi import DEAL, DEAL_INPUT, document, error_responses, json_content

_DEAL_REF = {"$ref": "#/components/schemas/Deal"}
_DEAL_ID = [{"name": "deal_id", "in": "path", "required": True, "schema": {"type": "string"}}]

OPENAPI = document(
    "Frivilligbørs kiosk",
    {
        "/api/deals": {
            "post": {
                "summary": "Register a deal on this tablet",
                "description": "A retry with the same Idempotency-Key answers the deal the "
                "first request saved, without saving it again.",
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 100},
                    }
                ],
                "requestBody": {"required": True, **json_content(DEAL_INPUT)},
                "responses": {
                    "201": {
                        "description": "saved on this tablet",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "number": {"type": "string"},
                                },
                            }
                        ),
                    },
                    **error_responses(400, 403, 413, 415, 422, 423),
                },
            },
            "get": {
                "summary": "This tablet's deals, newest first",
                "responses": {
                    "200": {
                        "description": "deals",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {"deals": {"type": "array", "items": _DEAL_REF}},
                            }
                        ),
                    },
                    **error_responses(423),
                },
            },
        },
        "/api/deals/{deal_id}": {
            "get": {
                "summary": "One deal",
                "parameters": _DEAL_ID,
                "responses": {
                    "200": {"description": "the deal", **json_content(_DEAL_REF)},
                    **error_responses(404, 423),
                },
            }
        },
        "/api/deals/{deal_id}/corrections": {
            "post": {
                "summary": "Correct a deal (a new revision; the old one is kept)",
                "parameters": _DEAL_ID,
                "requestBody": {"required": True, **json_content(DEAL_INPUT)},
                "responses": {
                    "201": {"description": "corrected", **json_content(_DEAL_REF)},
                    **error_responses(400, 403, 404, 413, 415, 422, 423),
                },
            }
        },
        "/api/deals/{deal_id}/restore": {
            "post": {
                "summary": "Undo a deal's void (DealVoidUndone): it counts again once synced",
                "parameters": _DEAL_ID,
                "responses": {
                    "201": {"description": "counted again", **json_content(_DEAL_REF)},
                    **error_responses(403, 404, 409, 423),
                },
            }
        },
        "/api/deals/{deal_id}/void": {
            "post": {
                "summary": "Void a deal",
                "parameters": _DEAL_ID,
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "properties": {"reason": {"type": "string", "maxLength": 300}},
                        }
                    ),
                },
                "responses": {
                    "201": {"description": "voided", **json_content(_DEAL_REF)},
                    **error_responses(400, 403, 404, 413, 415, 422, 423),
                },
            }
        },
        "/api/status": {
            "get": {
                "summary": "Sync state: events waiting, the hub, the last contact",
                "responses": {
                    "200": {
                        "description": "status",
                        **json_content(
                            {
                                "type": "object",
                                "required": ["pending", "hub", "last_sync_at"],
                                "properties": {
                                    "pending": {"type": "integer"},
                                    "hub": {"type": "string", "nullable": True},
                                    "last_sync_at": {"type": "string", "nullable": True},
                                    "state": {"type": "string"},
                                    "error_code": {"type": "string", "nullable": True},
                                    "device": {"type": "string"},
                                    "tag": {"type": "string"},
                                    "practice": {"type": "boolean"},
                                },
                            }
                        ),
                    }
                },
            }
        },
        "/api/participants": {
            "get": {
                "summary": "Type-ahead over the participants this tablet knows",
                "parameters": [
                    {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "matches",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "participants": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "sector": {"type": "string"},
                                                "walk_in": {"type": "boolean"},
                                                "arrived": {"type": "boolean"},
                                                "detail": {"type": "string"},
                                                "needs": {"type": "array"},
                                                "offers": {"type": "array"},
                                            },
                                        },
                                    }
                                },
                            }
                        ),
                    },
                    **error_responses(423),
                },
            }
        },
        "/api/pairing": {
            "get": {
                "summary": "Whether this tablet is paired, with which hub, adverts ignored",
                "responses": {
                    "200": {
                        "description": "pairing state",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "paired": {"type": "boolean"},
                                    "hub_id": {"type": "string", "nullable": True},
                                    "hub_fingerprint": {"type": "string", "nullable": True},
                                    "ignored_adverts": {"type": "object"},
                                },
                            }
                        ),
                    },
                    **error_responses(423),
                },
            }
        },
        **CHECKIN_PATHS,
    },
    {"Deal": DEAL},
)
