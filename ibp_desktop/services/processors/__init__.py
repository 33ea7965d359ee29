"""The processors area."""
