"""Reports: a campaign's goal progress, outcomes, callers, and retention by month."""
