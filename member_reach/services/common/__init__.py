"""Plumbing every service feature shares.

Errors, association settings, the database choice, phone display, person columns.
"""
