"""Forms for the parents' pages, one module per journey."""
