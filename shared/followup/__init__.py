"""The follow-up room: what became of each deal after the evening (status, contacts, the
parties' answers, changes held from a workbook, success stories)."""
