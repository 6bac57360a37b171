"""What every room stands on: identities, the event registry, the journal's base, the store,
the runner that folds events into projections, and the small helpers each needs once."""
