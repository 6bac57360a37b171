"""The broker's party picker: who is offered for a typed name, in what order, with what detail.

Those who have arrived come first (they are the ones making deals), then by how well the name
matches: its start, a later word's start, anywhere, then alike names (rapidfuzz) for a typo.
Names are compared folded (case, Norwegian letters, accents: "rode kors" finds "Røde Kors"),
so a walk-in added on this tablet a minute ago is found however it is typed again. Before a
walk-in is made, a name already known is offered instead (:func:`alike`), and one typed exactly
as a known participant's name (folded) *is* that participant (:func:`settle_known_walk_ins`):
two deals with the same walk-in make one participant, not two.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from shared.catalogue.text import fold, words
from shared.core.device import device_tag
from shared.evening import Evening
from shared.participants.projection import ParticipantView

ALIKE = 85  # WRatio of two folded names: "Sagene I.F." and "Sagene IF", "Røde Kors" and "Rode Kors"
FUZZY_AFTER = 3  # letters typed before alike names are offered too
DETAIL_RESOURCES = 2  # needs and offers shown in a suggestion (the chosen party shows more)


def name_key(name: str) -> str:
    """What two spellings of one name share exactly: folded words, punctuation dropped."""
    return " ".join(words(name))


@dataclass(frozen=True)
class Suggestion:
    participant: ParticipantView
    here: bool  # checked in at the door
    detail: str  # what tells two alike names apart (org. no., walk-in from which tablet)

    @property
    def id(self) -> str:
        return self.participant.id


def _candidates(evening: Evening):
    return [p for p in evening.participants.values() if p.merged_into is None]


def _rank(key: str, q: str) -> int | None:
    if key.startswith(q):
        return 0
    if any(w.startswith(q) for w in key.split()):
        return 1
    if q in key:
        return 2
    return None


def _detail(p: ParticipantView, evening: Evening, alike_names: set[str]) -> str:
    """Shown for every suggestion whose name another one shares (folded)."""
    if name_key(p.name) not in alike_names:
        return ""
    if p.orgnr:
        return p.orgnr
    when = evening.participants.registered_at(p.id)
    clock = when.astimezone().strftime("%H:%M") if when else ""
    return f"{device_tag(p.registered_by)} {clock}".strip()


def suggestions(evening: Evening, query: str, limit: int = 8) -> list[Suggestion]:
    q = fold(" ".join(query.split()))
    if not q:
        return []
    arrivals = evening.arrivals
    people = _candidates(evening)
    ranked = []
    for p in people:
        group = _rank(fold(p.name), q)
        if group is not None:
            ranked.append((not arrivals.is_here(p.id), group, fold(p.name), p))
    if len(q) >= FUZZY_AFTER and len(ranked) < limit:
        found = {id(item[3]) for item in ranked}
        rest = [p for p in people if id(p) not in found]
        for _name, score, index in process.extract(
            q, [fold(p.name) for p in rest], scorer=fuzz.partial_ratio, limit=limit
        ):
            if score >= ALIKE:
                p = rest[index]
                ranked.append((not arrivals.is_here(p.id), 3, fold(p.name), p))
    ranked.sort(key=lambda item: item[:3])
    chosen = [item[3] for item in ranked[:limit]]
    keys = [name_key(p.name) for p in chosen]
    alike_names = {k for k in keys if keys.count(k) > 1}
    return [Suggestion(p, arrivals.is_here(p.id), _detail(p, evening, alike_names)) for p in chosen]


def alike(evening: Evening, name: str, limit: int = 3) -> list[Suggestion]:
    """Known participants a walk-in typed as ``name`` may well be (before one is made)."""
    key = name_key(name)
    if len(key) < FUZZY_AFTER:
        return []
    people = _candidates(evening)
    found = process.extract(
        key, [name_key(p.name) for p in people], scorer=fuzz.WRatio, limit=limit
    )
    arrivals = evening.arrivals
    return [
        Suggestion(people[index], arrivals.is_here(people[index].id), "")
        for _name, score, index in found
        if score >= ALIKE
    ]


def known_as(evening: Evening, name: str) -> ParticipantView | None:
    """The participant whose name is this one, folded (the one here first, then the oldest)."""
    key = name_key(name)
    same = [p for p in _candidates(evening) if name_key(p.name) == key]
    if not same:
        return None
    when = evening.participants.registered_at
    return min(same, key=lambda p: (not evening.arrivals.is_here(p.id), when(p.id) is None,
                                    when(p.id) or 0))  # fmt: skip


def settle_known_walk_ins(evening: Evening, deal: object) -> object:
    """The deal with each walk-in whose name is already known replaced by that participant."""
    if not isinstance(deal, dict) or not isinstance(deal.get("parties"), list):
        return deal
    parties = []
    for party in deal["parties"]:
        walk_in = party.get("walk_in") if isinstance(party, dict) else None
        name = walk_in.get("name") if isinstance(walk_in, dict) else None
        known = known_as(evening, name) if isinstance(name, str) and name.strip() else None
        if known is None:
            parties.append(party)
        else:
            settled = {k: v for k, v in party.items() if k != "walk_in"}
            parties.append({**settled, "participant_id": known.id})
    return {**deal, "parties": parties}
