"""The Campaigns page and the campaign builder."""
