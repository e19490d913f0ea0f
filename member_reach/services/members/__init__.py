"""Members: the list, search and filters, figures per status, the member card and its edits."""
