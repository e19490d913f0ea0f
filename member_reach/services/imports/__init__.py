"""Imports: roster and attendee files read, mapped, cleaned, matched and written.

Also the preview, the import history and undo.
"""
