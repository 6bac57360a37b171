"""The børskatalog on the tablet, from its mirror of the hub's log: works with no network."""
