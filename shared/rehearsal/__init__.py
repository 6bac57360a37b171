"""The rehearsal: a practice evening on the real tablets before the doors open, wiped with one
action (issue 17, item 6; docs/rehearsal.md says why it is tagged the way it is)."""
