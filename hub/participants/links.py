"""A participant's own link: no account, a signed token that names them and its last day.

The token is ``itsdangerous``'s signed, URL-safe form of ``{"p": participant id, "k": kind,
"e": last day}`` under a key kept in the hub's data folder (``link-secret``), so it cannot be
forged or changed (a changed byte fails the signature: *tampered*), and it stops working after
the retention date the participant was told (*expired*). Nothing about it is in the log:
someone holding a tablet's copy of the log cannot make one. Two kinds: ``own`` (see, change or
withdraw a sign-up) and ``invite`` (sign up from an invitation, in the invitation-only model).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer

from shared.core.checks import is_uuid
from shared.core.errors import CodedError
from shared.web.csrf import load_or_create_secret

SECRET_FILE = "link-secret"
OWN = "own"
INVITE = "invite"


class LinkRefused(CodedError):
    """A personal link that was changed (``link_invalid``, 404) or is past its day
    (``link_expired``, 410)."""

    status = 404


class Links:
    def __init__(self, data_dir: Path):
        self._serializer = URLSafeSerializer(
            load_or_create_secret(data_dir, SECRET_FILE), salt="participant-link"
        )

    def make(self, participant_id: str, last_day: dt.date, kind: str = OWN) -> str:
        return self._serializer.dumps({"p": participant_id, "k": kind, "e": last_day.isoformat()})

    def read(self, token: str, kind: str = OWN, today: dt.date | None = None) -> str:
        """The participant the token names, or :class:`LinkRefused`."""
        try:
            data = self._serializer.loads(token)
        except BadSignature:
            raise LinkRefused("link_invalid", "this link is not valid") from None
        if not isinstance(data, dict) or data.get("k") != kind or not is_uuid(data.get("p")):
            raise LinkRefused("link_invalid", "this link is not valid")
        try:
            last_day = dt.date.fromisoformat(str(data.get("e")))
        except ValueError:
            raise LinkRefused("link_invalid", "this link is not valid") from None
        if (today or dt.date.today()) > last_day:
            raise LinkRefused("link_expired", "this link has expired", 410)
        return data["p"]
