"""The timeout warning in a real browser: it opens when the settings say, keeps focus,
extends the server session from "Stay signed in" or Esc, works across tabs, ends on
the signed-out page, and passes axe in English and Welsh.

The page's clock is Playwright's fake clock, paused once the page has loaded, so only
the test moves it and minutes pass instantly; the server keeps real time, which is why
the idle timeout here is long enough for the test."""

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from cms_portal.middleware import SESSION_LAST_ACTIVITY

IDLE_SECONDS = 180
WARNING_SECONDS = 120
BEFORE_WARNING_MS = (IDLE_SECONDS - WARNING_SECONDS) * 1000


@pytest.fixture
def short_timeouts(settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = IDLE_SECONDS
    settings.SESSION_WARNING_SECONDS = WARNING_SECONDS


@pytest.fixture
def signed_in_page(page, live_server, make_user, sign_in_browser, short_timeouts):
    user = make_user()
    page.clock.install()
    sign_in_browser(page, user)

    def open_page(path="/your-account/"):
        page.goto(live_server.url + path)
        freeze_clock(page)
        return page

    return open_page


def freeze_clock(page):
    """Stop the page's time flowing by itself, so a slow machine cannot move it."""
    page.clock.pause_at(datetime.now() + timedelta(milliseconds=200))


def last_activity():
    [session] = Session.objects.all()
    return session.get_decoded()[SESSION_LAST_ACTIVITY]


def dialog(page):
    return page.locator("#session-timeout-dialog")


def stay_signed_in(page, action):
    """Do what means "stay", then wait until the page has counted afresh from the server's
    answer: the answer arrives before the page has read it, and moving the clock in between
    would move a timer that is not yet set."""
    with page.expect_response("**/session/keep-alive/") as keep_alive:
        action()
    expect(dialog(page)).to_have_attribute("data-state", "waiting")
    return keep_alive.value


def wait_for_dialog(page):
    page.clock.run_for(BEFORE_WARNING_MS + 1000)
    assert dialog(page).is_visible()


def test_with_the_real_settings_the_dialog_opens_after_10_minutes_counting_from_5(
    page, live_server, make_user, sign_in_browser
):
    page.clock.install()
    sign_in_browser(page, make_user())
    page.goto(live_server.url + "/your-account/")
    freeze_clock(page)
    page.clock.run_for("09:55")
    assert not dialog(page).is_visible()
    page.clock.run_for("00:07")
    assert dialog(page).is_visible()
    assert (
        page.locator(".app-timeout-dialog__countdown").text_content()
        == "We will sign you out in 5 minutes."
    )


def test_dialog_opens_at_the_configured_time_with_focus_inside(signed_in_page):
    page = signed_in_page()
    assert not dialog(page).is_visible()
    page.clock.run_for(BEFORE_WARNING_MS - 1500)
    assert not dialog(page).is_visible()
    page.clock.run_for(2000)
    assert dialog(page).is_visible()
    assert page.get_by_role("dialog", name="You’re about to be signed out").is_visible()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    countdown = page.locator(".app-timeout-dialog__countdown")
    assert countdown.text_content() == "We will sign you out in 2 minutes."
    assert countdown.get_attribute("aria-hidden") == "true"
    live = page.locator(".app-timeout-dialog__announcement")
    assert live.get_attribute("aria-live") == "assertive"
    assert live.text_content() == "We will sign you out in 2 minutes."


def test_focus_is_trapped_and_the_page_behind_is_inert(signed_in_page):
    page = signed_in_page()
    wait_for_dialog(page)
    inside = "document.getElementById('session-timeout-dialog').contains(document.activeElement)"
    for _ in range(7):
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    for _ in range(7):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(inside)
    page.evaluate("document.querySelector('main a, main button').focus()")
    assert page.evaluate(inside)  # the page behind cannot take focus


def test_stay_signed_in_and_esc_extend_the_server_session_again_and_again(signed_in_page):
    page = signed_in_page()
    keep_alives = []
    page.on(
        "request",
        lambda request: keep_alives.append(request) if "keep-alive" in request.url else None,
    )
    before = last_activity()
    for round_number in range(12):
        wait_for_dialog(page)
        if round_number % 2:
            response = stay_signed_in(page, lambda: page.keyboard.press("Escape"))
        else:
            response = stay_signed_in(page, page.get_by_role("button", name="Stay signed in").click)
        assert response.status == 200
        assert response.json()["signed_in"] is True
        assert not dialog(page).is_visible()
        now = last_activity()
        assert now > before
        before = now
    page.clock.run_for(1000)
    assert len(keep_alives) == 12  # one request per "stay", never a second one


def test_esc_keeps_working_round_after_round(signed_in_page):
    """Browsers stop asking before closing on a repeated Esc; it must still mean "stay"."""
    page = signed_in_page()
    for _ in range(4):
        wait_for_dialog(page)
        stay_signed_in(page, lambda: page.keyboard.press("Escape"))
        assert not dialog(page).is_visible()
    page.clock.run_for(WARNING_SECONDS * 1000 - 5000)
    assert "/your-account/" in page.url


def test_the_announcements_step_down(signed_in_page):
    """Minutes while more than a minute is left, then every 20 seconds."""
    page = signed_in_page()
    # The server may say 179 rather than 180 seconds on a busy machine: count from it.
    expires_in = int(dialog(page).get_attribute("data-expires-in"))
    page.clock.run_for((expires_in - WARNING_SECONDS) * 1000 + 500)
    live = page.locator(".app-timeout-dialog__announcement")
    countdown = page.locator(".app-timeout-dialog__countdown")
    heard = {live.text_content()}
    seen = set()
    for _ in range(WARNING_SECONDS - 2):
        page.clock.run_for(1000)
        heard.add(live.text_content())
        seen.add(countdown.text_content())
    prefix = "We will sign you out in "
    assert {text.removeprefix(prefix) for text in heard} == {
        "2 minutes.",
        "60 seconds.",
        "40 seconds.",
        "20 seconds.",
    }
    assert prefix + "59 seconds." in seen and prefix + "2 seconds." in seen
    page.clock.run_for(1000)
    assert countdown.text_content() == prefix + "1 second."


def test_when_time_runs_out_the_browser_lands_on_the_signed_out_page(signed_in_page, live_server):
    page = signed_in_page()
    wait_for_dialog(page)
    with page.expect_navigation(url="**/signed-out/?reason=timeout"):
        page.clock.run_for(WARNING_SECONDS * 1000)
    assert page.locator("h1").text_content().strip() == "You have been signed out"
    assert "has not been kept" in page.locator("main").text_content()
    assert (
        Session.objects.count() == 0 or "_auth_user_id" not in Session.objects.get().get_decoded()
    )


def test_when_time_runs_out_every_tab_signs_out_with_a_post(signed_in_page):
    first = signed_in_page()
    second = first.context.new_page()
    second.goto(first.url)
    posts = []
    for tab in (first, second):
        tab.on(
            "request",
            lambda request: (
                posts.append(request.method) if "/accounts/logout/" in request.url else None
            ),
        )
    wait_for_dialog(first)
    first.clock.run_for(WARNING_SECONDS * 1000)
    # Where each tab ends, not each navigation: a tab told by the other to sign out may
    # abort a navigation it had begun, and still lands on the signed-out page.
    for tab in (first, second):
        tab.wait_for_url("**/signed-out/?reason=timeout")
    assert posts == ["POST", "POST"]  # one sign-out from each tab, none by GET
    assert second.locator("h1").text_content().strip() == "You have been signed out"


def test_sign_out_button_signs_out(signed_in_page):
    page = signed_in_page()
    wait_for_dialog(page)
    with page.expect_navigation(url="**/signed-out/?reason=signed-out"):
        page.locator(".app-timeout-dialog__sign-out").click()
    assert page.locator("h1").text_content().strip() == "You have signed out"


def test_activity_in_one_tab_is_shared_with_the_others(signed_in_page):
    first = signed_in_page()
    second = first.context.new_page()
    second.goto(first.url)
    first.clock.run_for(BEFORE_WARNING_MS + 1000)
    assert dialog(first).is_visible() and dialog(second).is_visible()
    with first.expect_response("**/session/keep-alive/"):
        first.get_by_role("button", name="Stay signed in").click()
    expect(dialog(second)).to_have_attribute("data-state", "waiting")
    assert not dialog(second).is_visible()


def test_keep_alive_refused_after_the_server_timed_out_goes_to_signed_out(signed_in_page, settings):
    page = signed_in_page()
    wait_for_dialog(page)
    Session.objects.all().delete()  # the server has already ended the session
    with page.expect_navigation(url="**/signed-out/?reason=timeout"):
        page.get_by_role("button", name="Stay signed in").click()


@pytest.mark.parametrize(
    "prefix,title",
    [("", "You’re about to be signed out"), ("/cy", "Rydych ar fin cael eich allgofnodi")],
)
def test_open_dialog_is_accessible_in_english_and_welsh(
    signed_in_page, assert_accessible, prefix, title
):
    page = signed_in_page(prefix + "/your-account/")
    wait_for_dialog(page)
    assert page.locator("#session-timeout-heading").text_content() == title
    if prefix:
        assert "munud" in page.locator(".app-timeout-dialog__countdown").text_content()
    page.clock.resume()  # axe waits on timers of its own
    assert_accessible(page, f"timeout dialog {prefix or 'en'}")
