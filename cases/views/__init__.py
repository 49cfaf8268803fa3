"""Parents' pages, one module per journey."""
