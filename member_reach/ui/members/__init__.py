"""The Members page: the list, its model, and the member card."""
