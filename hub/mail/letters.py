"""The letters the hub sends: each a key, a kind, default texts in bokmål and English, and the
merge fields it may use. The organiser edits the texts (:mod:`hub.mail.texts`); other rooms add
their letters here at import (``LETTERS.add(Letter(...))``), as the sign-up and follow-up
rooms do for theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.mail import defaults
from shared.core.vocabulary import SECTORS

# Every letter may use these; they are filled from the participant, the evening and the mail
# settings (hub.mail.fields). ``suggestions`` comes with its own lead line, or is empty.
COMMON_FIELDS = (
    "name",
    "contact_person",
    "event",
    "date",
    "time",
    "place",
    "signup_link",
    "catalogue_link",
    "suggestions",
    "organiser",
)


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


@dataclass(frozen=True)
class Letter:
    key: str  # "invitation.business"
    kind: str  # what the send log groups by, and what an opt-out stops (domain.py)
    texts: dict[str, Text]  # language -> the default text
    fields: tuple[str, ...] = COMMON_FIELDS
    editable: bool = True  # shown on the organiser's template page

    def default(self, lang: str) -> Text:
        return self.texts.get(lang) or next(iter(self.texts.values()))


class UnknownLetter(KeyError):
    """No letter has this key."""


class Letters:
    def __init__(self) -> None:
        self._all: dict[str, Letter] = {}

    def add(self, letter: Letter) -> Letter:
        if letter.key in self._all and self._all[letter.key] != letter:
            raise ValueError(f"letter {letter.key!r} added twice")
        self._all[letter.key] = letter
        return letter

    def get(self, key: str) -> Letter:
        try:
            return self._all[key]
        except KeyError:
            raise UnknownLetter(key) from None

    def __contains__(self, key: object) -> bool:
        return key in self._all

    def all(self) -> list[Letter]:
        return list(self._all.values())

    def editable(self) -> list[Letter]:
        return [letter for letter in self._all.values() if letter.editable]


def _texts(source: dict) -> dict[str, Text]:
    return {lang: Text(**text) for lang, text in source.items()}


LETTERS = Letters()
for _sector in SECTORS:
    LETTERS.add(
        Letter(f"invitation.{_sector}", "invitation", _texts(defaults.INVITATIONS[_sector]))
    )
LETTERS.add(Letter("confirmation", "confirmation", _texts(defaults.CONFIRMATION)))
LETTERS.add(Letter("reminder", "reminder", _texts(defaults.REMINDER)))
LETTERS.add(Letter("test", "test", _texts(defaults.TEST), fields=("organiser",), editable=False))


def invitation_for(sector: str) -> str:
    return f"invitation.{sector}"
