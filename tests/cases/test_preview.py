"""'Preview what the other parent sees': the preview is the other party's own page, byte
for byte, once navigation (the layout, the banner, link addresses, CSRF tokens) is taken
away; their own affairs (payments, requests and changes) are left out and said to be;
and nothing the other party cannot see reaches it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cases.selectors import CaseAccess, current_decision
from cms_portal.models import AuditEvent

from .conftest import side_objects

BANNER = re.compile(r"<!-- preview banner -->.*?<!-- /preview banner -->", re.S)
PART = re.compile(r"<!-- part:(\w+) -->(.*?)<!-- /part:\1 -->", re.S)
HREF = re.compile(r'(<a\b[^>]*?)\s+href="[^"]*"')
HIDDEN = re.compile(r'<input type="hidden"[^>]*>')
DISABLED = re.compile(r"\s+disabled(?=[\s/>])")
NOTE_ONLY = re.compile(r'\s*<div class="govuk-inset-text">[^<]+</div>\s*')
NONCE = re.compile(r'\s+nonce="[^"]*"')


def main_of(html):
    start = html.index("<main")
    start = html.index(">", start) + 1
    return html[start : html.index("</main>", start)]


def comparable(html):
    """The page's <main> without the preview banner, link addresses, hidden fields,
    disabled markers and nonces, with each left-out part reduced to its name."""
    text = BANNER.sub("", main_of(html))
    text = PART.sub(lambda match: f"[part {match.group(1)}]", text)
    text = HREF.sub(r"\1", text)
    text = HIDDEN.sub("", text)
    text = DISABLED.sub("", text)
    return NONCE.sub("", text)


def previewed_region(html):
    return BANNER.split(main_of(html), maxsplit=1)[1]


def case_url(case, party=None, language=""):
    prefix = f"/{language}" if language else ""
    path = reverse("cases:detail", kwargs={"reference": case.reference})
    if party is not None:
        path = reverse(
            "cases:preview", kwargs={"reference": case.reference, "party_id": party.public_id}
        )
    return prefix + path


def decision_url(case, party=None, language=""):
    prefix = f"/{language}" if language else ""
    decision = current_decision(case)
    kwargs = {"reference": case.reference, "decision_id": decision.public_id}
    if party is None:
        return prefix + reverse("cases:decision", kwargs=kwargs)
    return prefix + reverse(
        "cases:decision_preview", kwargs={**kwargs, "party_id": party.public_id}
    )


PAGES = {"case": case_url, "decision": decision_url}


def own_and_preview(client_for, case, viewer, shown, page, language=""):
    with translation.override("en"):
        own_url = PAGES[page](case, language=language)
        preview_url = PAGES[page](case, shown, language=language)
    own = client_for(shown.user).get(own_url)
    preview = client_for(viewer.user).get(preview_url)
    assert own.status_code == 200
    assert preview.status_code == 200
    return own.content.decode(), preview.content.decode()


def assert_same_page(own, preview, page):
    assert comparable(preview) == comparable(own)
    region = previewed_region(preview)
    assert "href=" not in region
    assert 'type="hidden"' not in region
    if page == "case":
        parts = dict(PART.findall(preview))
        assert set(parts) == {"money", "activity", "next_payment"}
        # The next payment in "What happens next" is the party's own: left out, unsaid
        # (the money part below says payments are not shown).
        assert parts.pop("next_payment").strip() == ""
        # Each other left-out part holds only the sentence saying it is left out.
        for content in parts.values():
            assert NOTE_ONLY.fullmatch(content), content


@pytest.fixture
def parties(family_case):
    return family_case.parties.get(role="paying"), family_case.parties.get(role="receiving")


@pytest.mark.parametrize("page", ["case", "decision"])
@pytest.mark.parametrize("direction", ["paying to receiving", "receiving to paying"])
@pytest.mark.parametrize("language", ["", "cy"])
def test_preview_is_the_other_partys_page(
    signed_in_client, family_case, parties, page, direction, language
):
    paying, receiving = parties
    viewer, shown = (paying, receiving) if direction == "paying to receiving" else parties[::-1]
    own, preview = own_and_preview(signed_in_client, family_case, viewer, shown, page, language)
    assert_same_page(own, preview, page)


PRIVATE_FIELDS = (
    "address_line_1",
    "postcode",
    "phone",
    "email",
    "bank_account_number",
    "employer_name",
    "national_insurance_number",
)


def private_details(party):
    return [getattr(party, name) for name in PRIVATE_FIELDS if getattr(party, name)]


@pytest.mark.parametrize("page", ["case", "decision"])
@pytest.mark.parametrize("safeguarded", ["receiving", "paying"])
@pytest.mark.parametrize("direction", ["paying to receiving", "receiving to paying"])
def test_safeguarded_details_stay_hidden_in_the_preview(
    signed_in_client, make_case, make_user, page, safeguarded, direction
):
    """A safeguarded parent who has moved: the new address, the change report and every
    contact detail stay off the preview, which is still the other party's own page."""
    from cases import services

    case = make_case(
        service_type="collect_and_pay",
        paying_user=make_user(),
        receiving_user=make_user(),
    )
    paying, receiving = case.parties.get(role="paying"), case.parties.get(role="receiving")
    at_risk = receiving if safeguarded == "receiving" else paying
    at_risk.safeguarding = True
    at_risk.save(update_fields=["safeguarding"])
    report = services.report_change(
        acting_user=at_risk.user,
        access=CaseAccess(case=case, party=at_risk),
        kind="address",
        answers={
            "address_line_1": "7 Hidden Close",
            "address_line_2": "",
            "town": "Safeplace",
            "postcode": "SP1 1AA",
        },
    )
    side_objects(case, at_risk, at_risk.user)
    at_risk.refresh_from_db()
    assert at_risk.address_line_1 == "7 Hidden Close"
    viewer, shown = (
        (paying, receiving) if direction == "paying to receiving" else (receiving, paying)
    )
    own, preview = own_and_preview(signed_in_client, case, viewer, shown, page)
    assert_same_page(own, preview, page)
    region = previewed_region(preview)
    for detail in [*private_details(paying), *private_details(receiving), "Safeplace"]:
        assert detail not in region
    # The other party's own page never shows the parent at risk's details either.
    if shown != at_risk:
        for detail in [*private_details(at_risk), "Safeplace", report.reference]:
            assert detail not in main_of(own)
    elif page == "case":
        # Their own page lists the move they told us about; the preview leaves it out.
        assert report.reference in own
    assert report.reference not in region


def test_the_paying_parents_employer_is_not_shown_to_the_receiving_parent(
    signed_in_client, make_order, make_employer, make_user
):
    order = make_order(make_employer(name="Secret Payroll Ltd"), paying_user=make_user())
    case = order.case
    receiving = case.parties.get(role="receiving")
    receiving.user = make_user()
    receiving.save(update_fields=["user"])
    paying = case.parties.get(role="paying")
    own, preview = own_and_preview(signed_in_client, case, receiving, paying, "case")
    assert "Secret Payroll Ltd" in own  # their own page says who takes it from their pay
    assert "Secret Payroll Ltd" not in preview
    assert_same_page(own, preview, "case")


def test_the_banner_says_whose_view_it_is_and_the_preview_is_recorded(
    signed_in_client, family_case, parties
):
    paying, receiving = parties
    response = signed_in_client(paying.user).get(case_url(family_case, receiving))
    html = response.content.decode()
    banner = BANNER.search(main_of(html)).group(0)
    assert "This is a preview of what the receiving parent sees." in banner
    assert "You cannot change anything here." in banner
    assert f'href="{case_url(family_case)}"' in banner
    assert "(preview of what the receiving parent sees)" in html.split("</title>")[0]
    event = AuditEvent.objects.get(action="case.preview_viewed")
    assert event.actor == paying.user
    assert event.object_ref == family_case.reference
    assert event.details == {
        "page": "case",
        "party": str(paying.public_id),
        "shown_as": str(receiving.public_id),
        "shown_as_role": "receiving",
    }


def test_a_preview_changes_nothing_for_the_other_party(signed_in_client, family_case, parties):
    paying, receiving = parties
    signed_in_client(paying.user).get(case_url(family_case, receiving))
    signed_in_client(paying.user).get(decision_url(family_case, receiving))
    receiving.refresh_from_db()
    assert receiving.decision_seen_at is None  # their new decision is still unread
    post = signed_in_client(paying.user).post(case_url(family_case, receiving))
    assert post.status_code == 405


def test_both_pages_offer_the_preview(signed_in_client, family_case, parties):
    paying, receiving = parties
    client = signed_in_client(paying.user)
    for own_url, preview_url in (
        (case_url(family_case), case_url(family_case, receiving)),
        (decision_url(family_case), decision_url(family_case, receiving)),
    ):
        html = client.get(own_url).content.decode()
        assert (
            f'<a class="govuk-link" href="{preview_url}">Preview what the other parent sees</a>'
            in html
        )


@pytest.mark.parametrize("page", ["case", "decision"])
def test_welsh_preview(signed_in_client, family_case, parties, page):
    paying, receiving = parties
    own, preview = own_and_preview(signed_in_client, family_case, receiving, paying, page, "cy")
    assert_same_page(own, preview, page)
    assert 'lang="cy"' in preview
    banner = BANNER.search(main_of(preview)).group(0)
    assert "Dyma ragolwg o’r hyn y mae’r rhiant sy’n talu yn ei weld." in banner.replace(
        "&#39;", "’"
    )
    with translation.override("en"):
        own_page = signed_in_client(receiving.user).get("/cy" + PAGES[page](family_case))
    assert "Rhagweld beth mae’r rhiant arall yn ei weld" in own_page.content.decode()


def test_a_parent_with_no_account_yet_is_previewed_by_role(signed_in_client, make_case, make_user):
    case = make_case(paying_user=make_user())
    paying, receiving = case.parties.get(role="paying"), case.parties.get(role="receiving")
    assert receiving.user_id is None
    client = signed_in_client(paying.user)
    preview = client.get(case_url(case, receiving)).content.decode()
    assert "They have not signed in to this service yet. This is what they will see." in preview
    # Once they sign up and link the case, their own page is what the preview showed.
    receiving.user = make_user()
    receiving.save(update_fields=["user"])
    own = signed_in_client(receiving.user).get(case_url(case)).content.decode()
    assert_same_page(own, preview, "case")


def test_several_receiving_parents(signed_in_client, make_case, make_user):
    first, second = make_user(), make_user()
    case = make_case(paying_user=make_user(), receiving_users=[first, second], receiving_parents=2)
    paying = case.parties.get(role="paying")
    one, two = case.parties.filter(role="receiving").order_by("id")
    # The paying parent can preview each receiving parent's page, named.
    html = signed_in_client(paying.user).get(case_url(case)).content.decode()
    for party in (one, two):
        assert f"Preview what {party.full_name} sees" in html
        own, preview = own_and_preview(signed_in_client, case, paying, party, "case")
        assert_same_page(own, preview, "case")
    # A receiving parent is not offered the paying parent's page, which names the others,
    # and is told so if they go to it.
    client = signed_in_client(first)
    assert "Preview what" not in client.get(case_url(case)).content.decode()
    for url in (case_url(case, paying), decision_url(case, paying)):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "We cannot show you this preview" in html
        assert two.full_name not in html
    assert not AuditEvent.objects.filter(action="case.preview_viewed", actor=first).exists()
    # Receiving parents are not told about each other.
    assert client.get(case_url(case, two)).status_code == 404


def test_who_can_preview(
    signed_in_client,
    anonymous_client,
    family_case,
    parties,
    representative,
    other_parent,
    employer_admin,
    employer_client,
):
    import uuid

    paying, receiving = parties
    for url in (case_url(family_case, receiving), decision_url(family_case, receiving)):
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        # Someone else's case, an employer and a representative: as if it did not exist.
        for client in (
            signed_in_client(other_parent),
            employer_client(employer_admin),
            signed_in_client(representative),
        ):
            assert client.get(url).status_code == 404
    # A representative acts for a parent but is not offered the parent's own check.
    acting = signed_in_client(representative).get(case_url(family_case)).content.decode()
    assert "Preview what" not in acting
    client = signed_in_client(paying.user)
    other_case_party = other_parent.parties.get()
    for party_id in (paying.public_id, uuid.uuid4(), other_case_party.public_id):
        url = reverse(
            "cases:preview", kwargs={"reference": family_case.reference, "party_id": party_id}
        )
        assert client.get(url).status_code == 404
    # A decision of another case is not found through this one.
    other_decision = current_decision(other_case_party.case)
    url = reverse(
        "cases:decision_preview",
        kwargs={
            "reference": family_case.reference,
            "decision_id": other_decision.public_id,
            "party_id": receiving.public_id,
        },
    )
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="case.preview_viewed").exists()
