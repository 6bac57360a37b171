"""The børskatalog on the hub: the public pages and API, and the organiser's side of it."""
