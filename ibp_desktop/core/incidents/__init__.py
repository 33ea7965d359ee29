"""The incidents area."""
