"""The organiser's page for the evening's plan."""
