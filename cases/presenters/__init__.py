"""Models turned into what the parents' pages show."""
