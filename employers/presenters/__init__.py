"""Turning employer models into what the pages show."""
