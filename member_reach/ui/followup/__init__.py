"""The Follow-up page: warm leads and callbacks as work lists."""
