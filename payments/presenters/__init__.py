"""Money as a parent sees it: plain words, pounds and pence, GOV.UK tags and tables."""
