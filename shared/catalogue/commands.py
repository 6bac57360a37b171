"""The journal's commands for the catalogue (the hub's journal)."""

from __future__ import annotations

from shared.catalogue import events, rules


class CatalogueCommands:
    def define_category(self, data: dict) -> str:
        """Rename a category or add one (a missing code is made from the bokmål name)."""
        data = dict(data)
        if not data.get("code"):
            data["code"] = rules.slug(str(data.get("name_nb") or ""))
        clean = rules.validate_category(data)
        self.trigger_event(events.CategoryDefined, **clean)
        return clean["code"]

    def set_catalogue_address(self, data: dict) -> None:
        self.trigger_event(events.CatalogueAddressSet, public_url=rules.validate_address(data))
