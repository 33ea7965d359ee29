"""The database area."""
