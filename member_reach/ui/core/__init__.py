"""Plumbing every page shares: the task runner, the workspace, pages, icons, labels, style."""
