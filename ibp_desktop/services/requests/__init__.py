"""The requests area."""
