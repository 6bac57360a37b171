"""Match suggestions: for each need, the offers of others that meet it, each with its reason.

The rule: an offer meets a need when it is in the same category and shares at least one word
with it (folded, stemmed, a compound's part, or a group of the thesaurus: :mod:`words`). Offers
are ranked by the words they share, each weighed by how rare it is among the offers (a shared
"piano" says more than a shared "hjelp"), and an offer from another sector is preferred (the
point of a børs is to meet across sectors). Needs that no offer meets are the organiser's list
of whom to recruit. Where a page wants more suggestions than that, it may ask for the other
offers of the same category after them (``fill``: another sector first), marked as sharing no
word, so their reason says only "same category".

Built once per change of the catalogue (an inverted index from every word part to the offers
that hold it), so a page asks only for the needs it shows; a participant withdrawn or hidden
since is filtered out on every read.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from shared.catalogue.projection import NEED, OFFER, Resource, in_catalogue
from shared.catalogue.words import affixes, tokens

CROSS_SECTOR = 1.25  # how much an offer from another sector is preferred


@dataclass(frozen=True)
class Match:
    need: Resource
    offer: Resource
    score: float
    shared: tuple[tuple[str, str], ...]  # (the need's word, the offer's word), as written
    cross_sector: bool

    @property
    def giver(self) -> str:
        return self.offer.participant_id

    @property
    def taker(self) -> str:
        return self.need.participant_id

    @property
    def category(self) -> str:
        return self.need.category

    @property
    def shared_words(self) -> tuple[str, ...]:
        """The need's own words that the offer shares (for a reason in words)."""
        return tuple(dict.fromkeys(need for need, _ in self.shared))


@dataclass(frozen=True)
class _Signature:
    resource: Resource
    sector: str
    tokens: dict[str, str]  # token -> the word as written
    keys: dict[str, str]  # every part of every token -> the word as written


@lru_cache(maxsize=65536)
def _words_of(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """A text's tokens and their parts, each to the word as written (shared, never changed:
    a rebuild after one sign-up reads every other text from here)."""
    written = dict(tokens(text))
    keys: dict[str, str] = {}
    for token, shown in written.items():
        for part in affixes(token):
            keys.setdefault(part, shown)
    return written, keys


def _signature(resource: Resource, sector: str) -> _Signature:
    written, keys = _words_of(resource.text)
    return _Signature(resource, sector, written, keys)


def _active(participant) -> bool:
    return participant.merged_into is None and getattr(participant, "status", "") != "withdrawn"


class Matchmaker:
    """Suggestions over one catalogue; rebuilt when the catalogue changes."""

    def __init__(self, catalogue) -> None:
        self.catalogue = catalogue
        self._built_at = -1
        self._needs: dict[tuple[str, int], _Signature] = {}
        self._offers_by_key: dict[str, list[_Signature]] = {}
        self._offers_by_token: dict[str, list[_Signature]] = {}
        self._offer_count = 0
        self._by_category: dict[str, list[_Signature]] = {}
        self._matches: dict[tuple[str, int], tuple[Match, ...]] = {}
        self._all: list[Match] | None = None
        self._needs_by_key: dict[str, list[_Signature]] | None = None
        self._needs_by_token: dict[str, list[_Signature]] | None = None
        self._names: dict[str, str] = {}
        self._offers: dict[tuple[str, int], _Signature] = {}
        self._takers: dict[tuple[str, int], tuple[Match, ...]] = {}
        self._lock = threading.Lock()  # readers share the evening's lock: one of them rebuilds

    # --- the index -----------------------------------------------------------------------------

    def _fresh(self) -> None:
        if self._built_at == self.catalogue.changes:
            return
        with self._lock:
            if self._built_at != self.catalogue.changes:
                self._build()

    def _build(self) -> None:
        needs, by_key, by_token, count, by_category = {}, {}, {}, 0, {}
        offers: dict[tuple[str, int], _Signature] = {}
        names = {e.id: e.sort_key for e in self.catalogue.all_entries()}
        self._names = names
        for entry in self.catalogue.all_entries():
            if not _active(entry.participant):
                continue
            for resource in entry.resources:
                signature = _signature(resource, entry.participant.sector)
                if resource.side == NEED:
                    needs[(resource.participant_id, resource.slot)] = signature
                    continue
                offers[(resource.participant_id, resource.slot)] = signature
                count += 1
                by_category.setdefault(resource.category, []).append(signature)
                for key in signature.keys:
                    by_key.setdefault(key, []).append(signature)
                for token in signature.tokens:
                    by_token.setdefault(token, []).append(signature)
        self._needs, self._offers_by_key, self._offers_by_token = needs, by_key, by_token
        self._offer_count = count
        self._needs_by_key, self._needs_by_token = None, None  # made by the first for_offer
        self._offers = offers
        for listed in by_category.values():
            listed.sort(key=lambda o: (names.get(o.resource.participant_id, ""), o.resource.slot))
        self._by_category = by_category
        self._matches, self._all, self._takers = {}, None, {}
        self._built_at = self.catalogue.changes

    def _weight(self, token: str) -> float:
        held = len(self._offers_by_key.get(token, ()))
        return math.log(1 + self._offer_count / (1 + held))

    def _candidates(self, need: _Signature) -> dict[int, tuple[_Signature, dict[str, str]]]:
        """Offers that share a word with the need: id -> (offer, need token -> offer's word)."""
        found: dict[int, tuple[_Signature, dict[str, str]]] = {}
        category, owner = need.resource.category, need.resource.participant_id
        for token in need.tokens:
            # the need's word is the offer's word or a part of it ("regnskap", "regnskapshjelp")
            hits = [(o, o.keys[token]) for o in self._offers_by_key.get(token, ())]
            # the offer's word is a part of the need's ("trening" in "sjakktrening")
            for part in affixes(token) - {token}:
                hits += [(o, o.tokens[part]) for o in self._offers_by_token.get(part, ())]
            for offer, shown in hits:
                if offer.resource.category != category or offer.resource.participant_id == owner:
                    continue
                _, shared = found.setdefault(id(offer), (offer, {}))
                shared.setdefault(token, shown)
        return found

    def _match(self, need: _Signature, offer: _Signature, shared: dict[str, str]) -> Match:
        cross = offer.sector != need.sector
        score = sum(self._weight(t) for t in shared) * (CROSS_SECTOR if cross else 1.0)
        pairs = tuple(
            (need.tokens[t], shown) for t, shown in shared.items() if not t.startswith("~")
        ) or tuple((need.tokens[t], shown) for t, shown in shared.items())
        return Match(need.resource, offer.resource, round(score, 6), pairs, cross)

    @staticmethod
    def _shared(need: _Signature, offer: _Signature) -> dict[str, str]:
        """The need's tokens that one offer shares, as :meth:`_candidates` finds them."""
        shared: dict[str, str] = {}
        for token in need.tokens:
            if token in offer.keys:
                shared[token] = offer.keys[token]
                continue
            for part in affixes(token) - {token}:
                if part in offer.tokens:
                    shared[token] = offer.tokens[part]
                    break
        return shared

    def _rank(self, key: tuple[str, int]) -> tuple[Match, ...]:
        cached = self._matches.get(key)
        if cached is not None:
            return cached
        need = self._needs[key]
        matches = [self._match(need, o, shared) for o, shared in self._candidates(need).values()]
        matches.sort(key=_order(self._names))
        self._matches[key] = ranked = tuple(matches)
        return ranked

    # --- questions -----------------------------------------------------------------------------

    def for_need(
        self, need: Resource, public: bool = True, limit: int | None = None, fill: bool = False
    ) -> list[Match]:
        """The offers that meet one need, best first (``public``: only those shown); with
        ``fill``, up to ``limit`` with other offers of its category after them."""
        self._fresh()
        key = (need.participant_id, need.slot)
        if key not in self._needs:
            return []
        found = self._first(self._rank(key), public, limit)
        if limit is None:
            return found
        if fill and len(found) < limit:
            found += self._same_category(self._needs[key], found, limit - len(found), public)
        return found[:limit]

    def _same_category(self, need: _Signature, found: list[Match], wanted: int, public: bool):
        """Offers of the need's category that share no word: another sector first, by name."""
        taken = {(m.giver, m.offer.slot) for m in found}
        owner = need.resource.participant_id
        others = [
            o
            for o in self._by_category.get(need.resource.category, ())
            if o.resource.participant_id != owner
            and (o.resource.participant_id, o.resource.slot) not in taken
        ]
        others.sort(key=lambda o: o.sector == need.sector)  # stable: by name within each
        extra = []
        for offer in others:
            match = Match(need.resource, offer.resource, 0.0, (), offer.sector != need.sector)
            if public and not self._shown(match):
                continue
            extra.append(match)
            if len(extra) == wanted:
                break
        return extra

    def for_offer(self, offer: Resource, public: bool = True, limit: int | None = 3) -> list[Match]:
        """The needs of others that one offer meets, best first: the matches :meth:`for_need`
        gives, asked from the other side (a need's word is a part of one of the offer's, or
        one of the offer's words is a part of the need's). Cached like a need's ranking."""
        self._fresh()
        key = (offer.participant_id, offer.slot)
        ranked = self._takers.get(key)
        if ranked is None:
            signature = self._offers.get(key)
            ranked = () if signature is None else self._rank_takers(signature)
            self._takers[key] = ranked
        return self._first(ranked, public, limit)

    def _needs_index(self) -> tuple[dict, dict]:
        """The needs by word and by word part (only the offer side's questions use it)."""
        with self._lock:
            if self._needs_by_key is None:
                by_key: dict[str, list[_Signature]] = {}
                by_token: dict[str, list[_Signature]] = {}
                for need in self._needs.values():
                    for key in need.keys:
                        by_key.setdefault(key, []).append(need)
                    for token in need.tokens:
                        by_token.setdefault(token, []).append(need)
                self._needs_by_key, self._needs_by_token = by_key, by_token
            return self._needs_by_key, self._needs_by_token

    def _rank_takers(self, offer: _Signature) -> tuple[Match, ...]:
        needs_by_key, needs_by_token = self._needs_index()
        candidates = {id(n): n for part in offer.keys for n in needs_by_token.get(part, ())}
        for token in offer.tokens:
            candidates.update((id(n), n) for n in needs_by_key.get(token, ()))
        found = []
        category, owner = offer.resource.category, offer.resource.participant_id
        for need in candidates.values():
            if need.resource.category != category or need.resource.participant_id == owner:
                continue
            shared = self._shared(need, offer)
            if shared:
                found.append(self._match(need, offer, shared))
        found.sort(key=_order(self._names))
        return tuple(found)

    def for_participant(
        self, participant_id: str, public: bool = True, per_need: int = 3, fill: bool = False
    ):
        """``[(need, [Match, ...]), ...]`` for each of a participant's needs (``fill``: see
        :meth:`for_need`)."""
        entry = self.catalogue.entry(participant_id) if public else None
        if entry is None:
            entry = next((e for e in self.catalogue.all_entries() if e.id == participant_id), None)
        if entry is None:
            return []
        return [(need, self.for_need(need, public, per_need, fill)) for need in entry.needs]

    def every_match(self, public: bool = True) -> list[Match]:
        """Every need's matches, best first across the evening (the MC's talking points)."""
        self._fresh()
        if self._all is None:
            found = [m for key in self._needs for m in self._rank(key)]
            found.sort(key=_order(self._names))
            self._all = found
        return [m for m in self._all if not public or self._shown(m)]

    def unmet(self) -> list[Resource]:
        """Needs of active participants that no offer meets: whom to recruit (organiser)."""
        self._fresh()
        unmet = [self._needs[key].resource for key in self._needs if not self._rank(key)]
        names = {e.id: e.sort_key for e in self.catalogue.all_entries()}
        unmet.sort(key=lambda r: (r.category, names.get(r.participant_id, ""), r.slot))
        return unmet

    def _first(self, ranked, public: bool, limit: int | None) -> list[Match]:
        """The first ``limit`` of ``ranked`` (all: None) that are shown, when ``public``;
        stops there (an offer may meet hundreds of needs, a page shows three)."""
        found = []
        for match in ranked:
            if not public or self._shown(match):
                found.append(match)
                if limit is not None and len(found) == limit:
                    break
        return found

    def _shown(self, match: Match) -> bool:
        catalogue = self.catalogue
        return bool(catalogue.entry(match.giver)) and bool(catalogue.entry(match.taker))


def _order(names: dict[str, str]):
    """Best first; ties by the giver's then the taker's folded name (``names``: id -> it)."""
    offer = attrgetter("offer")

    def key(match: Match):
        given, taken = offer(match), match.need
        return (
            -match.score,
            names.get(given.participant_id, ""),
            given.slot,
            names.get(taken.participant_id, ""),
            taken.slot,
            given.participant_id,
            taken.participant_id,
        )

    return key


__all__ = ["NEED", "OFFER", "Match", "Matchmaker", "in_catalogue"]
