"""The sync protocol between kiosks and the hub: message formats and their checks."""
