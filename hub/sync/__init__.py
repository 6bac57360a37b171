"""The hub's sync room."""
