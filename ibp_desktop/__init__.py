"""IBP Desktop: information security and privacy policy for Dutch primary schools."""

__version__ = "0.1.0"
