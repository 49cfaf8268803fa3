"""Template functions the variations area offers the case page (loaded by cms_portal.jinja2)."""

from .presenters import case_section

GLOBALS = {"variations_section": case_section}
