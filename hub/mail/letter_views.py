"""The organiser's letters: the list, the editor with its live preview (htmx), reset."""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, url_for

from hub.mail import current_mailroom, presenter
from hub.mail.letters import LETTERS, Letter
from hub.web import form_errors
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import LANGUAGES
from shared.web import _

SAMPLE_CHOICES = 200  # participants offered as "preview as" (by name)


def _letter(key: str, lang: str) -> Letter:
    if key not in LETTERS or lang not in LANGUAGES:
        abort(404)
    letter = LETTERS.get(key)
    if not letter.editable:
        abort(404)
    return letter


def letter_list():
    mailroom = current_mailroom()
    rows = [
        (letter, {lang: mailroom.texts.is_edited(letter.key, lang) for lang in LANGUAGES})
        for letter in LETTERS.editable()
    ]
    return render_template("mail/letters.html", rows=rows, active="mail", tab="templates")


def _samples(mailroom) -> list:
    people = [
        p
        for p in mailroom.hub.evening.participants.values()
        if not p.walk_in and p.merged_into is None
    ]
    people.sort(key=lambda p: p.name.casefold())
    return people[:SAMPLE_CHOICES]


def _editor(letter, lang, subject, body, errors, notice="", status=200, sample=""):
    mailroom = current_mailroom()
    shown = presenter.preview(mailroom, letter.key, lang, subject, body, sample)
    html = render_template(
        "mail/editor.html",
        letter=letter,
        lang=lang,
        subject=subject,
        body=body,
        errors=errors,
        notice=notice,
        shown=shown,
        sample=sample,
        samples=_samples(mailroom),
        edited=mailroom.texts.is_edited(letter.key, lang),
        active="mail",
        tab="templates",
    )
    return make_response(html, status)


def editor(key: str, lang: str):
    letter = _letter(key, lang)
    texts = current_mailroom().texts
    if request.method == "GET":
        text = texts.text(key, lang)
        return _editor(letter, lang, text.subject, text.body, {})
    subject, body = request.form.get("subject", ""), request.form.get("body", "")
    sample = request.form.get("sample", "")
    try:
        text = texts.save(key, lang, subject, body)
    except ValidationFailed as failed:
        return _editor(letter, lang, subject, body, form_errors(failed), status=422, sample=sample)
    return _editor(letter, lang, text.subject, text.body, {}, notice=_("hub.saved"), sample=sample)


def preview(key: str, lang: str):
    """The preview fragment, re-rendered as the organiser types."""
    letter = _letter(key, lang)
    shown = presenter.preview(
        current_mailroom(),
        letter.key,
        lang,
        request.form.get("subject", ""),
        request.form.get("body", ""),
        request.form.get("sample", ""),
    )
    return render_template("mail/_preview.html", shown=shown, letter=letter, lang=lang)


def reset(key: str, lang: str):
    _letter(key, lang)
    current_mailroom().texts.reset(key, lang)
    return redirect(url_for("hub_mail.editor", key=key, lang=lang))
