"""Reading JSON that came from someone else: a request body, or the inside of a sealed box.

Python's parser accepts more than a client should be able to send us and fails in ways a web
handler does not expect: nesting a few thousand levels deep raises ``RecursionError`` (not a
``ValueError``), ``NaN`` and ``Infinity`` are read as floats, and an integer of any size is read
as a Python int that later overflows SQLite's 64-bit columns. :func:`loads` turns all of these,
and invalid UTF-8, into one refusal with a stable code (``malformed_json``, 400), so every JSON
endpoint and the sync envelope answer a bad body the same way, never with a 500.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate

from shared.core.errors import CodedError

MAX_DEPTH = 32  # our documents nest 4 or 5 levels; 32 leaves room and stays far from recursion
MAX_INTEGER = 2**63 - 1  # what SQLite stores; counters and positions must fit


class MalformedJson(CodedError):
    """A body that is not JSON we read: the code is the same whatever is wrong with it."""

    status = 400

    def __init__(self, why: str):
        super().__init__("malformed_json", f"the body is not valid JSON: {why}")


def _integer(text: str) -> int:
    value = int(text)
    if not -MAX_INTEGER - 1 <= value <= MAX_INTEGER:
        raise ValueError("a number out of range")
    return value


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number out of range")
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth_of(text: str) -> int:
    """How deep brackets nest, counted outside strings, before anything is parsed (the
    regular expressions run in C; only the brackets themselves are walked here)."""
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def loads(data: bytes | str) -> object:
    """Parse ``data`` strictly, or raise :class:`MalformedJson`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedJson("not UTF-8") from None
    if _depth_of(data) > MAX_DEPTH:
        raise MalformedJson(f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(
            data, parse_int=_integer, parse_float=_finite, parse_constant=_no_constant
        )
    except (ValueError, RecursionError) as error:
        raise MalformedJson(str(error).split(":")[0]) from None
