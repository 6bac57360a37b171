"""Arrivals on the hub: the count, per sector, who signed up and has not come; walk-ins'
contact details taken in from the door's tablets."""
