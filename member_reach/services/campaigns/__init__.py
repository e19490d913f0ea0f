"""Campaigns: renewal, event and prospect call lists, their ranking, brief and outcome codes."""
