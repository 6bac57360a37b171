"""What a rehearsal's facts may look like."""

from __future__ import annotations

from shared.core.checks import FieldError, ValidationFailed, is_uuid


def check_rehearsal_id(value: object) -> None:
    if not is_uuid(value):
        raise ValidationFailed([FieldError("rehearsal_id", "invalid_id")])
