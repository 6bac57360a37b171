"""The catalogue as everyone reads it: who is shown, the evening's categories, and search.

It listens to :class:`~shared.participants.projection.Participants` and keeps, per participant,
its needs and offers with their folded words, and one index from every folded word to where it
stands (a participant's name, or one need or offer). A search looks each typed word up as a
prefix in the sorted words (bisect), so it costs what the matches cost, not what the catalogue
holds. Who is shown is asked of the live participant on every read (:func:`in_catalogue`):
a participant withdrawn or merged disappears at once.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

from shared.catalogue.rules import DEFAULT_CATEGORIES
from shared.catalogue.text import fold, words
from shared.core.runner import Projection, event_order

NAME = -1  # the slot of a participant's name in the index (resources are 0, 1, …)
NEED, OFFER = "need", "offer"


def in_catalogue(participant) -> bool:
    """Whether the public catalogue shows this participant: it said yes, it is not withdrawn
    and not merged into another. The participants room says so (``in_catalogue``) once it
    knows withdrawals; until then, consent and not merged."""
    shown = getattr(participant, "in_catalogue", None)
    if shown is not None:
        return bool(shown)
    return bool(participant.consent_public) and participant.merged_into is None


@dataclass(frozen=True)
class Resource:
    """One need or offer of one participant, as the catalogue shows and matches it."""

    participant_id: str
    side: str  # NEED or OFFER
    slot: int
    category: str
    text: str
    words: frozenset[str]


@dataclass
class Entry:
    participant: object  # the live ParticipantView
    sort_key: str
    resources: list[Resource] = field(default_factory=list)
    # kept as tuples once the entry is made: a search of everyone hands them out as they are
    need_tuple: tuple[Resource, ...] = ()
    offer_tuple: tuple[Resource, ...] = ()
    categories: frozenset[str] = frozenset()  # of its needs and offers

    @property
    def id(self) -> str:
        return self.participant.id

    @property
    def needs(self) -> list[Resource]:
        return [r for r in self.resources if r.side == NEED]

    @property
    def offers(self) -> list[Resource]:
        return [r for r in self.resources if r.side == OFFER]


@dataclass(frozen=True)
class Hit:
    """A participant a search found, with the needs and offers that matched."""

    entry: Entry
    needs: tuple[Resource, ...]
    offers: tuple[Resource, ...]

    @property
    def participant(self):
        return self.entry.participant


@dataclass(frozen=True)
class CategoryName:
    code: str
    name_nb: str
    name_en: str


def _entry_of(participant) -> Entry:
    entry = Entry(participant, fold(participant.name))
    for side, items in ((NEED, participant.needs), (OFFER, participant.offers)):
        for item in items:
            text = str(item.get("text", ""))
            slot = len(entry.resources)
            entry.resources.append(
                Resource(
                    participant.id,
                    side,
                    slot,
                    str(item.get("category", "")),
                    text,
                    frozenset(words(text)),
                )
            )
    entry.need_tuple = tuple(r for r in entry.resources if r.side == NEED)
    entry.offer_tuple = tuple(r for r in entry.resources if r.side == OFFER)
    entry.categories = frozenset(r.category for r in entry.resources)
    return entry


class _Quiet:
    """Participants that a snapshot reads without listening to them."""

    def __init__(self, participants) -> None:
        self._participants = participants

    def listen(self, listener) -> None:
        pass


class Catalogue(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "CategoryDefined": "on_category_defined",
        "CatalogueAddressSet": "on_address_set",
    }

    def __init__(self, participants) -> None:
        self.participants = participants
        self.changes = 0  # bumped whenever an entry or a category changes (caches key on it)
        self._entries: dict[str, Entry] = {}
        self._named: dict[str, object] = {}  # category code -> latest CategoryDefined
        self._address = None
        self._index: dict[str, dict[str, frozenset[int] | None]] = {}
        self._sorted_words: list[str] = []
        self._ordered: list[Entry] = []  # every entry by folded name (shown or not)
        self._index_at = -1
        # Pages read side by side under the evening's shared lock: the first to find the index
        # stale rebuilds it while the others wait, and it is marked fresh only once whole.
        self._index_lock = threading.Lock()
        self._matchmaker = None
        participants.listen(self)

    @classmethod
    def snapshot(cls, participants) -> Catalogue:
        """A catalogue of the participants as they are now, not kept up to date."""
        catalogue = cls.__new__(cls)
        Catalogue.__init__(catalogue, _Quiet(participants))
        for participant in participants.values():
            catalogue.participant_arrived(participant.id, None, participant)
        return catalogue

    @property
    def matches(self):
        """The match suggestions over this catalogue (:mod:`shared.catalogue.matching`)."""
        if self._matchmaker is None:
            from shared.catalogue.matching import Matchmaker  # it reads this module's types

            with self._index_lock:
                if self._matchmaker is None:
                    self._matchmaker = Matchmaker(self)
        return self._matchmaker

    # --- folding -------------------------------------------------------------------------------

    def on_category_defined(self, ev, origin: str, position: int) -> None:
        held = self._named.get(ev.code)
        if held is None or event_order(ev) > event_order(held):
            self._named[ev.code] = ev
            self.changes += 1

    def on_address_set(self, ev, origin: str, position: int) -> None:
        if self._address is None or event_order(ev) > event_order(self._address):
            self._address = ev

    def participant_arriving(self, participant_id: str, before) -> None:
        pass

    def participant_arrived(self, participant_id: str, before, after) -> None:
        self._entries[participant_id] = _entry_of(after)
        self.changes += 1

    def merges_changed(self) -> None:
        self.changes += 1

    # --- the evening's categories --------------------------------------------------------------

    def categories(self) -> list[CategoryName]:
        """The six defaults in their order (renamed where the organiser did), then the
        organiser's own in the order they were added. An empty name means: the default's."""
        named = self._named
        found = [
            CategoryName(code, named[code].name_nb, named[code].name_en)
            if code in named
            else CategoryName(code, "", "")
            for code in DEFAULT_CATEGORIES
        ]
        added = sorted(
            (ev for code, ev in named.items() if code not in DEFAULT_CATEGORIES), key=event_order
        )
        found += [CategoryName(ev.code, ev.name_nb, ev.name_en) for ev in added]
        return found

    def category_codes(self) -> list[str]:
        return [c.code for c in self.categories()]

    @property
    def public_url(self) -> str:
        return self._address.public_url if self._address is not None else ""

    # --- who is shown --------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Everyone shown, by name (folded, so Ø sorts with O)."""
        shown = [e for e in self._entries.values() if in_catalogue(e.participant)]
        shown.sort(key=lambda e: (e.sort_key, e.id))
        return shown

    def entry(self, participant_id: str) -> Entry | None:
        """One participant's entry, or None when the catalogue does not show them."""
        entry = self._entries.get(participant_id)
        return entry if entry is not None and in_catalogue(entry.participant) else None

    def all_entries(self) -> list[Entry]:
        """Every participant not merged into another, shown or not (for the organiser)."""
        return [e for e in self._entries.values() if e.participant.merged_into is None]

    # --- search --------------------------------------------------------------------------------

    def _reindex(self) -> None:
        # word -> participant id -> the slots it stands in; None where it is in the name
        # (a name that matches shows all of the participant's needs and offers)
        index: dict[str, dict[str, frozenset[int] | None]] = {}
        for pid, entry in self._entries.items():
            for word in set(words(entry.participant.name)):
                index.setdefault(word, {})[pid] = None
            for resource in entry.resources:
                for word in resource.words:
                    held = index.setdefault(word, {})
                    if pid not in held:
                        held[pid] = frozenset({resource.slot})
                    elif held[pid] is not None:
                        held[pid] = held[pid] | {resource.slot}
        self._index = index
        self._sorted_words = sorted(index)
        self._ordered = sorted(self._entries.values(), key=lambda e: (e.sort_key, e.id))
        self._index_at = self.changes

    def _slots_for(self, prefix: str) -> dict[str, frozenset[int] | None]:
        """Where a word starting with ``prefix`` stands: participant id -> slots (None: in
        the name). Read only: with one such word it is the index's own dict."""
        sorted_words = self._sorted_words
        at = bisect.bisect_left(sorted_words, prefix)
        found: dict[str, frozenset[int] | None] | None = None
        owned = False  # found is a merge of our own, not one of the index's dicts
        while at < len(sorted_words) and sorted_words[at].startswith(prefix):
            postings = self._index[sorted_words[at]]
            if found is None:
                found = postings
            else:
                if not owned:
                    found, owned = dict(found), True
                for pid, slots in postings.items():
                    held = found.get(pid, frozenset())
                    found[pid] = None if held is None or slots is None else held | slots
            at += 1
        return found if found is not None else {}

    def _fresh_index(self) -> None:
        if self._index_at != self.changes:
            with self._index_lock:
                if self._index_at != self.changes:
                    self._reindex()

    def _matching(self, query: str) -> dict[str, frozenset[int] | None] | None:
        """Participant id -> the slots every typed word matches (None: all, by the name);
        None for no words at all (everyone)."""
        typed = list(dict.fromkeys(words(query)))
        if not typed:
            return None
        allowed: dict[str, frozenset[int] | None] | None = None
        for prefix in typed:
            slots = self._slots_for(prefix)
            if allowed is None:
                allowed = slots
                continue
            small, large = (slots, allowed) if len(slots) < len(allowed) else (allowed, slots)
            narrowed: dict[str, frozenset[int] | None] = {}
            for pid in small:
                if pid in large:
                    before, now = allowed[pid], slots[pid]
                    narrowed[pid] = (
                        now if before is None else (before if now is None else before & now)
                    )
            allowed = narrowed
        return allowed or {}

    def search(self, query: str = "", category: str = "", sector: str = "") -> list[Hit]:
        """Participants shown whose name or needs and offers hold every typed word (as the
        start of a word, folded), in ``category`` and ``sector`` when given; by name."""
        return self.found(query, category, sector).hits()

    def found(self, query: str = "", category: str = "", sector: str = "") -> Found:
        """What :meth:`search` finds, as a list whose hits are made only for the part read
        (a page of thirty shows thirty, and counts the rest)."""
        self._fresh_index()
        matching = self._matching(query)
        chosen: list[tuple[Entry, frozenset[int] | None]] = []
        for entry in self._ordered:  # already by name: no sort of what was found
            if matching is None:
                slots = None
            elif entry.id in matching:
                slots = matching[entry.id]
            else:
                continue
            participant = entry.participant
            if (sector and participant.sector != sector) or not in_catalogue(participant):
                continue
            if slots is None:
                if not category or category in entry.categories:
                    chosen.append((entry, None))
            elif slots and (
                not category or any(entry.resources[at].category == category for at in slots)
            ):
                chosen.append((entry, slots))
        return Found(chosen, category)


class Found:
    """A search's participants in order; :meth:`hits` makes the Hit of each part asked for."""

    def __init__(self, chosen: list, category: str) -> None:
        self._chosen, self._category = chosen, category

    def __len__(self) -> int:
        return len(self._chosen)

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        return [self._hit(entry, slots) for entry, slots in self._chosen[start:stop]]

    def _hit(self, entry: Entry, slots: frozenset[int] | None) -> Hit:
        category = self._category
        if slots is None and not category:
            return Hit(entry, entry.need_tuple, entry.offer_tuple)
        chosen = [
            r
            for r in entry.resources
            if (slots is None or r.slot in slots) and (not category or r.category == category)
        ]
        return Hit(
            entry,
            tuple(r for r in chosen if r.side == NEED),
            tuple(r for r in chosen if r.side == OFFER),
        )
