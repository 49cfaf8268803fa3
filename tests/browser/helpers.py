"""Steps the browser journeys share."""


def submit_form(page):
    """Press the page's main form's first button and wait for what it leads to."""
    page.locator("main form[method='post'] button.govuk-button").first.click()
    page.wait_for_load_state()
