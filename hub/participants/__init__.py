"""The hub's participants room."""
