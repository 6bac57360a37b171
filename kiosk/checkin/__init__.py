"""Check-in at the door on the tablet: find, tap, undo, walk-ins; offline like every write."""
