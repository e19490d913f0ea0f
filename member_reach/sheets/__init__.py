"""Reading and writing tabular files (xlsx, xls, ods, csv); never touches the database.

The readers and writers arrive with the roster-import and partner-exchange work.
"""
