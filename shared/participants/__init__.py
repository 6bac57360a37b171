"""Participants: the organisations and businesses of the evening, with their needs and offers.

``events`` are the facts, ``rules`` check what people type, ``commands`` are the journal's
methods that record them, ``projection`` folds them into the list everyone reads.
"""
