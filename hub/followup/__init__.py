"""The organiser's follow-up after the evening: the board, the workbook, asking the parties,
each participant's email and the stories to share (issue 15)."""


def install(app) -> None:
    """Give the mail room's sender the follow-up's chore (asking the parties at deadlines)."""
    from hub.followup import asking

    app.extensions["mail"].chore_factories.append(asking.chore)
