"""Who in the register may be the same: alike names (folded for case, diacritics and Norwegian
letters, compared with rapidfuzz), the same organisation number, or the same email.

The register proposes them to the organiser (:func:`proposals`), and an import flags a row that
matches someone already there (:meth:`RegisterIndex.match`). A pair the organiser ruled not
the same is not proposed again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

ALIKE = 90  # token_sort_ratio of two folded names: "Sagene IF" and "Sagene I.F." are alike
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "ß": "ss"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Legal forms and filler that two spellings of one name may or may not carry.
_FILLER = frozenset({"as", "asa", "sa", "ba", "da", "ans", "enk", "nuf", "og", "the", "and"})


def fold_name(name: str) -> str:
    """``"Røde Kors, Sagene"`` → ``"rode kors sagene"``: what alike names have in common."""
    text = name.casefold().translate(_NORWEGIAN)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = [w for w in _NOT_WORD.sub(" ", text).split() if w not in _FILLER]
    return " ".join(_initials_joined(words))


def _initials_joined(words: list[str]) -> list[str]:
    """An abbreviation written with dots is one word: "i f" (from "I.F.") → "if"."""
    joined: list[str] = []
    run = ""
    for word in [*words, ""]:
        if len(word) == 1:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        if word:
            joined.append(word)
    return joined


@dataclass(frozen=True)
class Match:
    participant_id: str
    reasons: tuple[str, ...]  # "orgnr", "email", "name"


class RegisterIndex:
    """The register's names, organisation numbers and emails, for matching against."""

    def __init__(self, people: list[tuple[str, str, str, str]]):
        """``people``: (participant id, name, orgnr, email) of everyone to match against."""
        self.ids = [p[0] for p in people]
        self.names = [fold_name(p[1]) for p in people]
        self.by_orgnr = {p[2]: p[0] for p in people if p[2]}
        self.by_email = {p[3].casefold(): p[0] for p in people if p[3]}

    def add(self, participant_id: str, name: str, orgnr: str, email: str) -> None:
        self.ids.append(participant_id)
        self.names.append(fold_name(name))
        if orgnr:
            self.by_orgnr.setdefault(orgnr, participant_id)
        if email:
            self.by_email.setdefault(email.casefold(), participant_id)

    def match(self, name: str, orgnr: str = "", email: str = "") -> Match | None:
        """The participant this one most likely is, and why; None when nobody is alike."""
        found: dict[str, list[str]] = {}
        if orgnr and orgnr in self.by_orgnr:
            found.setdefault(self.by_orgnr[orgnr], []).append("orgnr")
        if email and email.casefold() in self.by_email:
            found.setdefault(self.by_email[email.casefold()], []).append("email")
        folded = fold_name(name)
        if folded:
            best = process.extractOne(
                folded, self.names, scorer=fuzz.token_sort_ratio, score_cutoff=ALIKE
            )
            if best is not None:
                found.setdefault(self.ids[best[2]], []).append("name")
        if not found:
            return None
        participant_id = max(found, key=lambda pid: len(found[pid]))
        return Match(participant_id, tuple(found[participant_id]))


def index_of(hub) -> RegisterIndex:
    """Everyone in the register not merged into another, with their email from the vault."""
    people = []
    for p in hub.evening.participants.values():
        if p.merged_into is None and not p.erased:  # "slettet deltaker" is no one's name
            people.append((p.id, p.name, p.orgnr, hub.contact_of(p.id).get("email", "")))
    return RegisterIndex(people)


@dataclass(frozen=True)
class Proposal:
    participant_ids: tuple[str, str]
    reasons: tuple[str, ...]


def _pairs_by(key_of, people) -> dict[tuple[str, str], str]:
    seen: dict[str, str] = {}
    pairs = {}
    for pid, key in ((p[0], key_of(p)) for p in people):
        if not key:
            continue
        if key in seen:
            pairs[tuple(sorted((seen[key], pid)))] = key
        else:
            seen[key] = pid
    return pairs


def _alike_names(names: list[str]):
    """Index pairs ``(i, j)``, ``i < j``, of alike folded names.

    Only names that share a word of three letters or more, or their first three letters, are
    compared (an inverted index): a register of 2,000 is a few thousand comparisons, not four
    million.
    """
    buckets: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        keys = {w for w in name.split() if len(w) >= 3} | {"^" + name[:3]}
        for key in keys:
            buckets.setdefault(key, []).append(i)
    seen = set()
    for members in buckets.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if (i, j) in seen or not names[i]:
                    continue
                seen.add((i, j))
                if fuzz.token_sort_ratio(names[i], names[j], score_cutoff=ALIKE):
                    yield i, j


def proposals(hub) -> list[Proposal]:
    """Pairs in the register that may be one participant, strongest reasons first (kept for
    as long as the evening does not change: the list page shows their count)."""
    cached = getattr(hub, "_duplicate_proposals", None)
    if cached is not None and cached[0] == hub.evening.version:
        return list(cached[1])
    found = _proposals(hub)
    hub._duplicate_proposals = (hub.evening.version, found)
    return list(found)


def _proposals(hub) -> list[Proposal]:
    index = index_of(hub)
    reasons: dict[tuple[str, str], list[str]] = {}
    keyed = _with_keys(hub, index)
    for pair in _pairs_by(lambda p: p[2], keyed):
        reasons.setdefault(pair, []).append("orgnr")
    for pair in _pairs_by(lambda p: p[3], keyed):
        reasons.setdefault(pair, []).append("email")
    for i, j in _alike_names(index.names):
        pair = tuple(sorted((index.ids[i], index.ids[j])))
        reasons.setdefault(pair, []).append("name")
    participants = hub.evening.participants
    found = [
        Proposal(pair, tuple(why))
        for pair, why in reasons.items()
        if not participants.kept_apart(pair)
    ]
    return sorted(found, key=lambda p: (-len(p.reasons), p.participant_ids))


def _with_keys(hub, index: RegisterIndex) -> list[tuple[str, str, str, str]]:
    """(id, name, orgnr, email) of everyone in the index."""
    participants = hub.evening.participants
    return [
        (
            pid,
            participants[pid].name,
            participants[pid].orgnr,
            hub.contact_of(pid).get("email", "").casefold(),
        )
        for pid in index.ids
    ]


def keep_first(hub, participant_ids) -> list[str]:
    """The order to offer them in: the one to keep first (signed up, not a walk-in, oldest)."""
    participants = hub.evening.participants
    rank = {"signed_up": 0, "invited": 1, "withdrawn": 2}

    def key(pid: str):
        p = participants[pid]
        at = participants.registered_at(pid)
        return (rank.get(p.status, 3), p.walk_in, at.isoformat() if at else "", pid)

    return sorted(participant_ids, key=key)
