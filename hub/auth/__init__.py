"""The hub's auth room."""
