"""Asking a rule for its refusal: the codes a client may rely on, as a test reads them."""

from __future__ import annotations

import pytest

from shared.core.checks import ValidationFailed


def codes_of(call) -> dict[str, str]:
    """The one code per field that ``call()`` is refused with."""
    with pytest.raises(ValidationFailed) as failed:
        call()
    return failed.value.codes()


def errors_of(call) -> set[tuple[str, str]]:
    """Every (field, code) reported; one field may carry two codes (too long *and* malformed)."""
    with pytest.raises(ValidationFailed) as failed:
        call()
    return {(e.field, e.code) for e in failed.value.errors}
