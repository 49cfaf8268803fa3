"""Steps the browser journeys share."""


def submit_form(page):
    """Press the page's main form's first button and wait for what it leads to."""
    page.locator("main form[method='post'] button.govuk-button").first.click()
    page.wait_for_load_state()


PHONE_WIDTHS = (320, 375)


def phone_width_problems(page):
    """The page as it is now, narrowed to each phone width: where it scrolls sideways.
    The viewport is put back afterwards."""
    before = page.viewport_size
    problems = []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{page.url} at {width}px: {scroll_width}px wide")
    page.set_viewport_size(before)
    return problems
