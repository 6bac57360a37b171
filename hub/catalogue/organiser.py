"""The organiser's side of the catalogue (login): where it is published, and whom to recruit."""

from __future__ import annotations

from hub.catalogue.blueprint import catalogue  # noqa: F401 - filled in below
