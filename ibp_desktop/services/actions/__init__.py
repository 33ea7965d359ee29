"""The actions area."""
