"""The year's call plan: renewals and event outreach month by month, against the staff's time."""
