"""The hub's devices room."""
