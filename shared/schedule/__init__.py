"""The evening's plan: its name, venue, date, opening and closing time, and target."""
