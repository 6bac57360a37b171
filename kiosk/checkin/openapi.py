"""The door's part of the kiosk's OpenAPI document (merged in :mod:`kiosk.openapi`)."""

from shared.participants.rules import MAX_EMAIL, MAX_NAME, MAX_PERSON, MAX_PHONE
from shared.web.openapi import error_responses, json_content

WALK_IN = {
    "type": "object",
    "required": ["name", "sector"],
    "properties": {
        "name": {"type": "string", "maxLength": MAX_NAME},
        "sector": {"type": "string", "enum": ["business", "voluntary", "public"]},
        "contact_person": {"type": "string", "maxLength": MAX_PERSON},
        "email": {"type": "string", "maxLength": MAX_EMAIL},
        "phone": {"type": "string", "maxLength": MAX_PHONE},
        "consent": {
            "type": "boolean",
            "description": "needed for any contact detail; they are sealed for the hub alone",
        },
    },
}

ARRIVAL = {
    "type": "object",
    "required": ["participant_id", "name", "sector", "arrived_at", "ref", "already_here"],
    "properties": {
        "participant_id": {"type": "string"},
        "name": {"type": "string"},
        "sector": {"type": "string"},
        "walk_in": {"type": "boolean"},
        "arrived_at": {"type": "string", "description": "the first check-in, any tablet"},
        "ref": {"type": "string", "description": "<device id>/<sequence> of that check-in"},
        "already_here": {"type": "boolean"},
    },
}

PARTICIPANT_ID = {
    "type": "object",
    "required": ["participant_id"],
    "properties": {"participant_id": {"type": "string"}},
}

CHECKIN_PATHS = {
    "/api/checkins": {
        "post": {
            "summary": "Check a participant in at the door, or a walk-in (offline, on this tablet)",
            "requestBody": {
                "required": True,
                **json_content(
                    {
                        "oneOf": [
                            PARTICIPANT_ID,
                            {
                                "type": "object",
                                "required": ["walk_in"],
                                "properties": {"walk_in": WALK_IN},
                            },
                        ]
                    }
                ),
            },
            "responses": {
                "201": {"description": "a new arrival", **json_content(ARRIVAL)},
                "200": {"description": "already checked in", **json_content(ARRIVAL)},
                **error_responses(400, 403, 404, 409, 413, 415, 422, 423),
            },
        },
        "get": {
            "summary": "Who has arrived, as far as this tablet knows",
            "responses": {
                "200": {
                    "description": "arrivals",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "arrived": {"type": "integer"},
                                "by_sector": {"type": "object"},
                                "arrivals": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    ),
                },
                **error_responses(423),
            },
        },
    },
    "/api/checkins/undo": {
        "post": {
            "summary": "Take back a participant's check-in (every one this tablet knows of)",
            "requestBody": {"required": True, **json_content(PARTICIPANT_ID)},
            "responses": {
                "200": {
                    "description": "no longer here",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "participant_id": {"type": "string"},
                                "here": {"type": "boolean"},
                            },
                        }
                    ),
                },
                **error_responses(400, 403, 404, 409, 413, 415, 422, 423),
            },
        }
    },
}
