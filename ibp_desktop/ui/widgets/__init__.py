"""Widgets every register page shares: a rows-fed table model and the register page layout."""
