"""The hub's conflicts room."""
