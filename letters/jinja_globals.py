"""Lets the decision page (in the cases area, below this one) offer the decision's letter
without knowing about letters."""

from .presenters import decision_letter_links

GLOBALS = {"decision_letter_links": decision_letter_links}
