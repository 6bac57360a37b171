"""The catalogue as a page or an API answers it: what was asked, one page of hits, and the
public shape of an entry. Shared by the hub's public pages, its API and the kiosk's offline copy,
so the three agree on what a search finds and on what is never shown (no contact details: an
entry carries only name, sector, needs and offers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from shared.catalogue.projection import Catalogue, CategoryName, Entry, Hit
from shared.core.errors import CodedError
from shared.core.vocabulary import SECTORS

MAX_QUERY = 100  # characters of a search: enough for a sentence, not for a flood
PAGE_SIZE = 30  # participants a page shows (the catalogue page stays quick at 2,000)


@dataclass(frozen=True)
class Query:
    q: str = ""
    category: str = ""
    sector: str = ""
    page: int = 1

    def args(self, **changed) -> dict[str, str]:
        """The query as URL arguments (empty ones left out), with ``changed`` put in."""
        values = {"q": self.q, "category": self.category, "sector": self.sector, **changed}
        if values.get("page") in (1, "1"):
            values.pop("page")
        return {k: str(v) for k, v in values.items() if v not in ("", None)}


class CatalogueQueryRefused(CodedError):
    status = 400


def read_query(args: Mapping, category_codes: list[str], strict: bool = True) -> Query:
    """A search as typed in a URL. ``strict`` (the API): an unknown category or sector, a
    search too long or a page that is no number is refused with its code; otherwise (a page
    someone edited the URL of) the wrong part is dropped."""
    q = " ".join(str(args.get("q") or "").split())
    category = str(args.get("category") or "")
    sector = str(args.get("sector") or "")
    raw_page = str(args.get("page") or "1")
    problems = []
    if len(q) > MAX_QUERY:
        problems.append(("query_too_long", "q"))
        q = q[:MAX_QUERY]
    if category and category not in category_codes:
        problems.append(("unknown_category", "category"))
        category = ""
    if sector and sector not in SECTORS:
        problems.append(("unknown_sector", "sector"))
        sector = ""
    page = int(raw_page) if raw_page.isdigit() and 0 < len(raw_page) < 6 else 0
    if page < 1:
        problems.append(("invalid_page", "page"))
        page = 1
    if strict and problems:
        code, field = problems[0]
        raise CatalogueQueryRefused(code, f"{field}: {code.replace('_', ' ')}", field=field)
    return Query(q, category, sector, page)


@dataclass(frozen=True)
class Listing:
    query: Query
    hits: list[Hit]  # this page's
    total: int
    pages: int

    @property
    def page(self) -> int:
        return min(self.query.page, self.pages)


def listing(catalogue: Catalogue, query: Query, page_size: int = PAGE_SIZE) -> Listing:
    """One page of what ``query`` finds, by name."""
    found = catalogue.found(query.q, query.category, query.sector)
    pages = max(1, -(-len(found) // page_size))
    start = (min(query.page, pages) - 1) * page_size
    return Listing(query, found.hits(start, start + page_size), len(found), pages)


def category_name(category: CategoryName, lang: str, default: Callable[[str], str]) -> str:
    """What a category is called in ``lang``: the organiser's name for this evening where
    given (its English one in English, else its bokmål one), else the default's label
    (``default(code)``, from the translations)."""
    if lang == "en" and category.name_en:
        return category.name_en
    return category.name_nb or default(category.code)


def category_names(catalogue: Catalogue, lang: str, default: Callable[[str], str]):
    """``{code: name}`` of the evening's categories, in their order."""
    return {c.code: category_name(c, lang, default) for c in catalogue.categories()}


def participant_page(catalogue: Catalogue, participant_id: str, per_need: int = 3):
    """What a participant's page shows (hub and kiosk alike), or None when the catalogue does
    not show them: their entry, each need's suggestions, and how to name the others."""
    entry = catalogue.entry(participant_id)
    if entry is None:
        return None

    def name_of(pid: str) -> str:
        shown = catalogue.entry(pid)
        return shown.participant.name if shown else ""

    def sector_of(pid: str) -> str:
        shown = catalogue.entry(pid)
        return shown.participant.sector if shown else ""

    return {
        "entry": entry,
        # filled up with other offers of the need's category (P@3 on the labelled set 0.42
        # against 0.34 with only the offers that share a word): their reason says so
        "suggestions": catalogue.matches.for_participant(
            participant_id, per_need=per_need, fill=True
        ),
        # and from the other side: whose needs each offer meets (only those sharing a word)
        "takers": [
            (offer, catalogue.matches.for_offer(offer, limit=per_need)) for offer in entry.offers
        ],
        "name_of": name_of,
        "sector_of": sector_of,
    }


def resource_json(resource) -> dict:
    return {"category": resource.category, "text": resource.text}


def entry_json(entry: Entry, needs=None, offers=None) -> dict:
    """The public shape of one participant: never their contact details or sealed data."""
    participant = entry.participant
    return {
        "id": participant.id,
        "name": participant.name,
        "sector": participant.sector,
        "needs": [resource_json(r) for r in (entry.needs if needs is None else needs)],
        "offers": [resource_json(r) for r in (entry.offers if offers is None else offers)],
    }


def hit_json(hit: Hit) -> dict:
    """A participant a search found, with only the needs and offers that matched."""
    return entry_json(hit.entry, hit.needs, hit.offers)
