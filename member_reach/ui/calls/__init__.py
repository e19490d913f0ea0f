"""The Calls page: the call console."""
