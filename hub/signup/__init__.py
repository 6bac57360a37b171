"""The public sign-up (påmelding) and the participant's own link pages."""
