"""Import of the actor sheet: the organiser's spreadsheet or a form service's export."""
