"""The demo area."""
