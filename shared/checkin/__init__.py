"""Check-in at the door: who has arrived, whichever tablet saw them (one arrival per person)."""
