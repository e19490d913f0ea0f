"""Reusable widgets with no feature of their own: tables, empty states, charts."""
