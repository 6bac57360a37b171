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


def _deeper_than(value: object, limit: int) -> bool:
    """Whether lists and objects nest past ``limit``: walked level by level, without
    recursion, containers only (a 500-event push takes under a millisecond)."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return True
        inner = []
        for item in level:
            for child in item.values() if type(item) is dict else item:
                if type(child) is dict or type(child) is list:
                    inner.append(child)
        level, depth = inner, depth + 1
    return False


def loads(data: bytes | str) -> object:
    """Parse ``data`` strictly, or raise :class:`MalformedJson`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedJson("not UTF-8") from None
    try:
        value = json.loads(
            data, parse_int=_integer, parse_float=_finite, parse_constant=_no_constant
        )
    except RecursionError:  # the parser's own limit (about 1,000 levels) was reached first
        raise MalformedJson(f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise MalformedJson(str(error).split(":")[0]) from None
    if isinstance(value, dict | list) and _deeper_than(value, MAX_DEPTH):
        raise MalformedJson(f"nested deeper than {MAX_DEPTH} levels")
    return value
