"""The hub's API, described for clients and for the API fuzzer."""

from shared.web.openapi import document, error_responses, json_content

_WIRE_EVENT = {
    "type": "object",
    "required": ["origin", "seq", "type", "state"],
    "properties": {
        "origin": {"type": "string", "format": "uuid"},
        "seq": {"type": "integer", "minimum": 1},
        "type": {"type": "string"},
        "state": {"type": "object"},
        "position": {"type": "integer"},
    },
}

_STATS = {
    "type": "object",
    "required": ["deals", "by_sector_pair", "by_category", "closes_at"],
    "properties": {
        "deals": {"type": "integer"},
        "voided": {"type": "integer"},
        "by_sector_pair": {"type": "object", "additionalProperties": {"type": "integer"}},
        "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
        "closes_at": {"type": "string", "nullable": True},
        "target": {"type": "integer"},
        "now": {"type": "string"},
        "version": {"type": "integer"},
    },
}

OPENAPI = document(
    "Frivilligbørs hub",
    {
        "/api/sync/push": {
            "post": {
                "summary": "A kiosk sends events the hub has not acknowledged",
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "required": ["device", "events"],
                            "properties": {
                                "device": {"type": "string", "format": "uuid"},
                                "events": {"type": "array", "items": _WIRE_EVENT},
                            },
                        }
                    ),
                },
                "responses": {
                    "200": {
                        "description": "stored (or already held)",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "acked": {"type": "integer"},
                                    "accepted": {"type": "integer"},
                                    "duplicates": {"type": "integer"},
                                },
                            }
                        ),
                    },
                    **error_responses(400, 403, 409, 413, 415, 422, 503),
                },
            }
        },
        "/api/sync/pull": {
            "get": {
                "summary": "The hub's log after a position",
                "parameters": [
                    {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                ],
                "responses": {
                    "200": {
                        "description": "a page of the log",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "events": {"type": "array", "items": _WIRE_EVENT},
                                    "head": {"type": "integer"},
                                },
                            }
                        ),
                    },
                    **error_responses(400),
                },
            }
        },
        "/api/stats": {
            "get": {
                "summary": "Figures for screens: deals, by sector pair, by category, closing",
                "responses": {"200": {"description": "figures", **json_content(_STATS)}},
            }
        },
        "/api/deals": {
            "get": {
                "summary": "The authoritative deal list, filterable",
                "parameters": [
                    {"name": n, "in": "query", "schema": {"type": "string"}}
                    for n in ("sector", "category", "device")
                ],
                "responses": {"200": {"description": "deals"}},
            }
        },
    },
    {},
)
