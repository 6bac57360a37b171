"""Privacy (promise 8): erasure by crypto-shredding, the retention purge, tablets forgetting."""

from shared.privacy import events as _events  # noqa: F401 - registered wherever the room is read
