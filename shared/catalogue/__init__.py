"""The catalogue (børskatalog): who is shown, their needs and offers by category, search, and
the match suggestions between one participant's need and another's offer."""
