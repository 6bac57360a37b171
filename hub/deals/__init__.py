"""The hub's deals room."""
