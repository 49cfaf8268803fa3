"""Agreeing a plan to pay arrears online: the paying parent's journey, the caseworker's
decision on a plan outside the rules, and the plan's page."""
