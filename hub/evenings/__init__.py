"""Many evenings on one hub: each evening closed into a read-only archive in the data folder.

A hub folds one journal store (``hub.sqlite``) and its events carry no evening id. Rather than
stamp an id on every room's events (deals, check-ins, follow-up: rooms other people own), the
organiser closes the evening: its store is copied, frozen (read-only, with its SHA-256 in a
manifest) into ``evenings/<id>/``, and the hub starts the next evening on a fresh store that
carries over the register (within consent and retention), the records and the settings.
The contact vault, the devices' keys and the hub's identity are files beside the store and
stay as they are. See docs/architecture.md ("Many evenings on one hub").
"""
