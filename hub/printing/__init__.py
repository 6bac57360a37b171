"""Printed paper for the evening: the catalogue, QR notes, name tags and posters.

Every document is built on :mod:`hub.printing.kit` (A4 pages, a font that carries æøå, QR
codes as images) so that they print alike and each module holds only its own layout.
"""
