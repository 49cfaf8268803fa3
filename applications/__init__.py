"""Applying for child maintenance online, and turning a submitted application into a
case. Imports cases, payments and calculation; nothing below it imports this app."""
