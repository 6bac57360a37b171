"""One kind of refusal for the whole product: a stable machine code, an HTTP status, a message.

Every layer refuses with a :class:`CodedError` (or a subclass naming where it came from), so one
handler in :mod:`shared.web` answers them all the same way: ``{"error": code, "message": ...}``
with the status, and never a stack trace. Codes are part of the API: never rename one.
"""

from __future__ import annotations


class CodedError(Exception):
    """A refusal with a stable ``code``, an HTTP ``status`` and a ``message`` for people."""

    status = 400

    def __init__(self, code: str, message: str = "", status: int | None = None, **extra):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message or code.replace("_", " ")
        self.status = status if status is not None else type(self).status
        self.extra = extra

    def as_json(self) -> dict:
        return {"error": self.code, "message": self.message, **self.extra}
