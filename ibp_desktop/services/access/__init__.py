"""The access area."""
