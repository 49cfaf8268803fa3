"""Template helpers the payments area offers other pages (loaded by cms_portal.jinja2)."""

from .presenters.summary import case_money_summary

GLOBALS = {"payments_case_money_summary": case_money_summary}
