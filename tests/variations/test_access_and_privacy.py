"""Who can reach a variation page (anything not theirs is a 404), and what the other
parent never sees: contact details, address, bank details, the applicant's words or files,
or which receiving parent asked."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.cases.test_privacy import SECRETS, _crawl, _leaks, _seed
from variations.models import VariationRequest

from .conftest import apply_online, pdf_upload, step_url, variation_url

pytestmark = pytest.mark.django_db

JOURNEY_STEPS = ("ground", "amount", "period", "details", "evidence", "check")


def _variation(client, case, ground="contact_costs", details="Applicant words Zqxdetail"):
    apply_online(client, case, ground=ground, amount="30", details=details, upload=pdf_upload())
    return VariationRequest.objects.filter(case=case).latest("submitted_at")


def test_another_case_is_a_404_everywhere(
    family_case, paying_parent, other_parent, signed_in_client
):
    variation = _variation(signed_in_client(paying_parent), family_case)
    stranger = signed_in_client(other_parent)
    for step in JOURNEY_STEPS:
        assert stranger.get(step_url(family_case, step)).status_code == 404
        assert stranger.post(step_url(family_case, step), {}).status_code == 404
    for name in ("detail", "respond", "responded"):
        assert stranger.get(variation_url(family_case, variation, name)).status_code == 404
    # Their own case does not open someone else's variation either.
    own_case = other_parent.parties.get().case
    url = reverse(
        "variations:detail",
        kwargs={"reference": own_case.reference, "variation_id": variation.public_id},
    )
    assert stranger.get(url).status_code == 404


def test_signed_out_users_are_sent_to_sign_in(family_case, paying_parent, signed_in_client, client):
    variation = _variation(signed_in_client(paying_parent), family_case)
    for url in [step_url(family_case, "ground"), variation_url(family_case, variation)]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_receiving_parents_do_not_see_each_others_requests(make_case, make_user, signed_in_client):
    first, second = make_user(), make_user()
    case = make_case(receiving_users=[first, second], receiving_parents=2, paying_user=make_user())
    variation = _variation(signed_in_client(first), case, ground="unearned_income")
    other = signed_in_client(second)
    assert other.get(variation_url(case, variation)).status_code == 404
    assert other.get(variation_url(case, variation, "respond")).status_code == 404
    assert (
        variation.reference not in other.get(f"/account/cases/{case.reference}/").content.decode()
    )


def test_the_applicant_cannot_respond_to_their_own_request(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    variation = _variation(client, family_case)
    assert client.get(variation_url(family_case, variation, "respond")).status_code == 404
    assert (
        client.post(variation_url(family_case, variation, "respond"), {"response": "x"}).status_code
        == 404
    )


def test_a_representative_without_report_scope_can_look_but_not_ask(
    family_case, receiving_parent, paying_parent, representative, signed_in_client
):
    from cases.models import Representative

    Representative.objects.filter(user=representative).update(can_report_changes=False)
    variation = _variation(signed_in_client(paying_parent), family_case)
    client = signed_in_client(representative)
    assert client.get(step_url(family_case, "ground")).status_code == 404
    assert client.get(variation_url(family_case, variation, "respond")).status_code == 404
    page = client.get(variation_url(family_case, variation)).content.decode()
    assert "Respond to this request" not in page


@pytest.mark.parametrize("applicant_role", ["paying", "receiving"])
def test_the_other_parent_sees_nothing_private(
    family_case,
    paying_parent,
    receiving_parent,
    signed_in_client,
    make_user,
    applicant_role,
    django_capture_on_commit_callbacks,
):
    from variations import services

    applicant_party = family_case.parties.get(role=applicant_role)
    _seed(applicant_party)
    applicant_user, viewer = (
        (paying_parent, receiving_parent)
        if applicant_role == "paying"
        else (receiving_parent, paying_parent)
    )
    ground = "contact_costs" if applicant_role == "paying" else "unearned_income"
    with django_capture_on_commit_callbacks(execute=True):
        variation = _variation(signed_in_client(applicant_user), family_case, ground=ground)
    client = signed_in_client(viewer)
    client.post(variation_url(family_case, variation, "respond"), {"response": "Seen it"})
    with django_capture_on_commit_callbacks(execute=True):
        services.agree_variation(acting_user=make_user(is_staff=True), request=variation)
    case_url = reverse("cases:detail", kwargs={"reference": family_case.reference})
    bodies = _crawl(
        client,
        [
            case_url,
            f"/cy{case_url}",
            variation_url(family_case, variation),
            variation_url(family_case, variation, prefix="/cy"),
        ],
    )
    assert any(variation.reference in text for _url, text in bodies)
    private = {**SECRETS, "details": "Zqxdetail", "file": "evidence.pdf"}
    assert not _leaks(bodies, private)
    # The case page names the parties; the variation pages never say who asked.
    variation_pages = [(url, text) for url, text in bodies if "/variations/" in url]
    assert len(variation_pages) >= 2
    assert not _leaks(variation_pages, {"name": applicant_party.full_name})
    viewer_party = family_case.parties.get(user=viewer)
    emails = [
        ("email", f"{message.subject}\n{message.body}")
        for message in mail.outbox
        if message.to == [viewer_party.notification_email]
    ]
    assert len(emails) == 2  # told of the request, then of the decision
    assert not _leaks(emails, {**private, "name": applicant_party.full_name})


def test_a_refused_request_is_shown_with_the_note(
    family_case, paying_parent, signed_in_client, make_user
):
    from variations import services

    client = signed_in_client(paying_parent)
    variation = _variation(client, family_case)
    services.refuse_variation(
        acting_user=make_user(is_staff=True), request=variation, note="The costs are not shown"
    )
    page = client.get(variation_url(family_case, variation)).content.decode()
    assert "Refused" in page and "The costs are not shown" in page
