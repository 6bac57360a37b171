"""Deals: what two (or more) participants agree to give each other, and each deal's history.

``events`` are the facts (registered, corrected, voided), ``rules`` check a deal as typed,
``commands`` are the journal's methods, ``revisions`` the compact shape of a deal's versions,
``projection`` the fold into the deal list, ``presenter`` the one JSON shape of a deal.
"""
