"""Employer pages. Each view is thin: a selector or a service, a presenter, a template."""
