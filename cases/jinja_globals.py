"""Template functions the cases area offers other pages (loaded by cms_portal.jinja2)."""

from .selectors import current_decision

GLOBALS = {"current_decision": current_decision}
