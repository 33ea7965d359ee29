"""The pupils area."""
