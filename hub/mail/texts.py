"""The organiser's own wording of each letter, per language, over the defaults.

Kept in ``mail-texts.json`` in the data folder (owner-only): the texts name no person, but
they are the organiser's work and travel with the hub's folder. A text is checked before it is
stored: it must fill with the letter's merge fields, so a broken text never reaches the outbox.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from hub.mail import rendering
from hub.mail.letters import LETTERS, Text
from shared.core.checks import FieldError, ValidationFailed, clean_text
from shared.core.files import write_private
from shared.core.vocabulary import LANGUAGES


class TextStore:
    def __init__(self, data_dir: Path):
        self.path = data_dir / "mail-texts.json"
        self._lock = threading.Lock()

    def _saved(self) -> dict:
        try:
            data = json.loads(self.path.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def text(self, key: str, lang: str) -> Text:
        saved = self._saved().get(key, {}).get(lang)
        if saved:
            return Text(subject=saved["subject"], body=saved["body"])
        return LETTERS.get(key).default(lang)

    def is_edited(self, key: str, lang: str) -> bool:
        return bool(self._saved().get(key, {}).get(lang))

    def save(self, key: str, lang: str, subject: str, body: str) -> Text:
        """Store the organiser's text after checking it fills (``ValidationFailed``)."""
        text = check(key, lang, subject, body)
        with self._lock:
            saved = self._saved()
            saved.setdefault(key, {})[lang] = {"subject": text.subject, "body": text.body}
            write_private(self.path, json.dumps(saved, indent=2, ensure_ascii=False))
        return text

    def reset(self, key: str, lang: str) -> None:
        with self._lock:
            saved = self._saved()
            saved.get(key, {}).pop(lang, None)
            write_private(self.path, json.dumps(saved, indent=2, ensure_ascii=False))


def check(key: str, lang: str, subject: str, body: str) -> Text:
    """The text as it would be stored, or every problem with it at once."""
    letter = LETTERS.get(key)
    errors = []
    if lang not in LANGUAGES:
        errors.append(FieldError("lang", "unknown_language"))
    subject = clean_text(subject or "")
    body = (body or "").replace("\r\n", "\n").strip()
    sample = dict.fromkeys(letter.fields, "x")
    for field, source, limit in (
        ("subject", subject, rendering.MAX_SUBJECT),
        ("body", body, rendering.MAX_BODY),
    ):
        if not source:
            errors.append(FieldError(field, "required"))
        elif len(source) > limit:
            errors.append(FieldError(field, "too_long"))
        else:
            try:
                rendering.fill(source, sample)
            except rendering.TextProblem as problem:
                errors.append(FieldError(field, problem.code))
    if errors:
        raise ValidationFailed(errors)
    return Text(subject=subject, body=body)
