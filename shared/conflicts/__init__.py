"""Conflicts: what must be shown to the organiser, never settled silently (promise 4).

``projection`` finds them (diverged versions, a void against a correction, a likely double
registration, the same walk-in added twice); ``events`` and ``commands`` are the organiser's
rulings, which name what they settle so that they fold like any other event, on every node.
"""
