"""The hub's stage room."""
