"""The hour on stage: the gongs, the clock, the screen's settings, records, the board's figures.

``events`` and ``commands`` are the hub's (only the hub writes stage events), ``rules`` check
what the organiser types on the controls, ``projection`` folds the hour, ``board`` puts together
what the screen, the MC and the phones show, ``talking_points`` finds matches for the MC.
"""
