"""Text as search and matching compare it: folded for case and Norwegian letters.

"bors" finds "børs" and "Rode Kors" finds "Røde Kors": both sides are folded the same way
(æ → ae, ø → o, å and the old spelling aa → a, other accents dropped), then cut into words of
letters and digits. Typing the old "aa" (Aasen) finds the new "å" (Åsen) and back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "ð": "d"})
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, Norwegian letters spelled in ASCII, accents dropped."""
    folded = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("aa", "a")


def words(text: str) -> list[str]:
    """The folded words of a text, in order (repeats kept)."""
    return _WORD.findall(fold(text))
