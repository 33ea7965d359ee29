"""The accountability area."""
