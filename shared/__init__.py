"""Frivilligbørs shared package: the domain both the kiosk and the hub speak.

Everything that must give the same answer on a tablet and on the organiser's laptop lives here:
the vocabulary, validation, the device journal (event log), the read model built from it, and
the sync protocol.
"""
