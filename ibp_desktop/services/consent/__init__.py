"""The consent area."""
