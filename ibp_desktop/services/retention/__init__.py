"""The retention area."""
