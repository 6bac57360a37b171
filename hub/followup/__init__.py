"""The organiser's follow-up after the evening: the board, the workbook, asking the parties,
each participant's email and the stories to share (issue 15)."""
