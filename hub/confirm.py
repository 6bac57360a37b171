"""A second step before what cannot be taken back in one click (the closing gong, revoking a
tablet, removing a record): the first post answers a page that asks, the second does it.

It needs no script, so it holds on any browser; the question names what will happen.
"""

from __future__ import annotations

from flask import render_template, request

CONFIRMED = "confirmed"


def confirmed() -> bool:
    return request.form.get(CONFIRMED) == "yes"


def ask(question: str, answer: str, back: str, fields: dict[str, str] | None = None):
    """The page that asks ``question``; its button posts the same form again, confirmed."""
    html = render_template(
        "hub/confirm.html",
        question=question,
        answer=answer,
        action=request.path,
        fields=fields or {},
        back=back,
    )
    return html, 200
