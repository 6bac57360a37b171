"""The hub: the organiser's laptop. Ingests every kiosk's journal, serves the evening.

One folder per room of the evening (``deals``, ``participants``, ``schedule``, ``conflicts``,
``stage``, ``devices``, ``auth``, ``sync``), each with its views and templates; ``service`` holds
the hub's use cases and ``app`` binds the rooms into one web app.
"""

from __future__ import annotations

from hub.app import create_app

__all__ = ["create_app"]
