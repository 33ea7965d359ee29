"""Command-line commands, one module per area; each imports heavy modules only inside its handlers."""
