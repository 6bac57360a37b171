"""What a need or an offer is about, as matching reads it: its content words, lightly stemmed.

Norwegian bends and compounds its words ("lokale", "lokalet", "kafélokale"): a word is stemmed
by a few common endings, and two words meet when they are equal, when one is the start or the
end of the other (a compound and its parts: "regnskap" in "regnskapshjelp"), or when both are
in one group of the small thesaurus below (general words of a frivilligbørs: "eldre",
"seniorer", "pensjonister"). Function words ("og", "til", "som") are left out, and so are
words nearly every need and offer has ("hjelp", "gratis", "låne").
"""

from __future__ import annotations

from functools import lru_cache

from shared.catalogue.text import fold
from shared.catalogue.text import words as folded_words

MIN_PART = 4  # the shortest start or end of a compound that counts as a word of its own

_STOP_WORDS = """
    og i pa til for med av som en et ei den det de vi var vart vare dere du jeg seg sin sitt
    kan vil har er vaere a om fra eller noen noe hver hele alle ogsa men ikke inn ut opp ned
    ved under over etter mot mellom sa da nar hvor hva hvem skal ma bli blir ble gjerne
    trenger tilbyr onsker kl uke uka per samt enkel enkle mye mange flere ulike andre annen
    hjelp gratis bruk bruke lane lanes kunne
    the a an and of for to in on with we our you your at by from or can will need offer
    """
_STOP = frozenset(_STOP_WORDS.split())

_ENDINGS = ("ingene", "ingen", "inger", "elsen", "elser", "else", "ene", "ane", "ene", "er")
_ENDINGS += ("en", "et", "ar", "e", "a", "s")

# Groups of words that mean the same resource at a frivilligbørs (folded, stemmed below).
_THESAURUS = (
    "eldre senior seniorer pensjonist pensjonister",
    "ungdom unge ungdommer tenaringer",
    "barn barna unger",
    "lokale lokaler rom sal moterom kurslokale klubbhus atelier verksted gymsal",
    "kveld kvelder kveldstid ettermiddag",
    "helg helger helgene lordag lordager sondag sondager",
    "regnskap okonomi bokforing arsrapport",
    "nettside nettsiden hjemmeside web nettsted",
    "lyd lydanlegg mikrofon mikrofoner hoyttaler",
    "musikk konsert korsang sang kor underholdning artist artister opptre musikkinnslag",
    "mat matvarer maltider overskuddsmat",
    "tur turer turutstyr friluftsliv marka",
    "tilskudd midler stiftelser stotte soknader soke",
    "verktoy redskaper",
    "bil varebil transport",
    "frivillig frivillige frivilligsentral",
    "ansatte ansatt kolleger",
    "pc datamaskin laptop",
)


def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _groups() -> dict[str, str]:
    found = {}
    for line in _THESAURUS:
        members = line.split()
        for member in members:
            found[stem(fold(member))] = "~" + members[0]
    return found


_GROUP_OF = _groups()


@lru_cache(maxsize=65536)  # a catalogue's words repeat: a rebuild asks for the same ones
def affixes(token: str) -> frozenset[str]:
    """The token and every start and end of it long enough to be a word of its own."""
    if token.startswith("~"):
        return frozenset((token,))
    parts = {token}
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        parts.add(token[:cut])
        parts.add(token[cut:])
    for cut in range(len(token) - MIN_PART + 1, len(token)):
        parts.add(token[:cut])
    return frozenset(parts)


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[tuple[str, str], ...]:
    """``(token, the word as written)`` for each content word of a text, a thesaurus group
    as one more token (``~eldre``) where a word is in one; each token once."""
    written = text.split()
    seen: dict[str, str] = {}
    for raw in written:
        for word in folded_words(raw):
            if word in _STOP or len(word) < 2 or word.isdigit():
                continue
            shown = raw.strip(".,;:!?()«»\"'")
            token = stem(word)
            seen.setdefault(token, shown)
            group = _GROUP_OF.get(token)
            if group is None:
                group = next((_GROUP_OF[p] for p in affixes(token) if p in _GROUP_OF), None)
            if group is not None:
                seen.setdefault(group, shown)
    return tuple(seen.items())
