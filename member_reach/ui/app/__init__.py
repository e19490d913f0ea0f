"""The main window that assembles the pages, its menus, settings and database actions."""
