"""Pure rules: dates and terms, statuses, scoring, outcome codes, contact normalisation (no I/O)."""
