"""The catalogue's facts, written by the hub: the evening's categories and public address."""

from __future__ import annotations

from shared.catalogue import rules
from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY


@REGISTRY.event(
    "CategoryDefined",
    writers=frozenset({ROLE_HUB}),
    check=lambda ev: rules.validate_category(
        {"code": ev.code, "name_nb": ev.name_nb, "name_en": ev.name_en}
    ),
)
class CategoryDefined(JournalEvent):
    """An organiser names a category for this evening: renames a default or adds one."""

    code: str
    name_nb: str
    name_en: str


@REGISTRY.event(
    "CatalogueAddressSet",
    writers=frozenset({ROLE_HUB}),
    check=lambda ev: rules.validate_address({"public_url": ev.public_url}),
)
class CatalogueAddressSet(JournalEvent):
    """Where the public reaches the catalogue (the address QR notes and pages print)."""

    public_url: str
