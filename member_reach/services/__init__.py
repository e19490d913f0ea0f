"""Use cases (import, campaigns, calls, exchange, reports, demo) shared by the GUI and the CLI."""
