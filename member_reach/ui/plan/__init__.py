"""The Plan page: the coming year's calls month by month, and where a call partner is needed."""
