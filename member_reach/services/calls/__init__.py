"""Calls: logging outcomes, the call console, reserving and assigning calls."""
