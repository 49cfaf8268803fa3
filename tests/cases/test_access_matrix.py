"""Every URL that names an object, for every kind of user: only the expected cells
succeed; the rest are 404 (anonymous users are sent to sign in)."""

import pytest

from tests.cases.conftest import object_urls

ROLES = [
    "anonymous",
    "paying",
    "receiving",
    "representative",
    "other_parent",
    "employer",
    "caseworker",
]

# Who may open each kind of object; everyone else gets a 404.
CASE_WIDE = {"paying", "receiving", "representative"}
RECEIVING_SIDE = {  # objects on the receiving parent's side of the case
    "thread": {"receiving", "representative"},
    "attachment": {"receiving", "representative"},
    "change": {"receiving", "representative"},
    "challenge": {"receiving", "representative"},
    "representative": {"receiving"},
}
PAYING_SIDE = {name: {"paying"} for name in RECEIVING_SIDE}


@pytest.fixture
def clients(
    anonymous_client,
    signed_in_client,
    paying_parent,
    receiving_parent,
    representative,
    other_parent,
    employer_admin,
    mfa_user_client,
    caseworker_client,
):
    return {
        "anonymous": anonymous_client,
        "paying": signed_in_client(paying_parent),
        "receiving": signed_in_client(receiving_parent),
        "representative": signed_in_client(representative),
        "other_parent": signed_in_client(other_parent),
        "employer": mfa_user_client(employer_admin),
        "caseworker": caseworker_client,
    }


def _cells(populated_case):
    cells = [
        ("case", populated_case.case_url, CASE_WIDE),
        ("decision", populated_case.decision_url, CASE_WIDE),
    ]
    for side, allowed in (("receiving", RECEIVING_SIDE), ("paying", PAYING_SIDE)):
        urls = object_urls(populated_case.case, getattr(populated_case, side))
        cells.extend((f"{side} {name}", url, allowed[name]) for name, url in urls.items())
    return cells


def test_access_matrix(populated_case, clients):
    failures = []
    for name, url, allowed in _cells(populated_case):
        for role in ROLES:
            response = clients[role].get(url)
            if role == "anonymous":
                ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
            elif role in allowed:
                ok = response.status_code == 200
            else:
                ok = response.status_code == 404
            if not ok:
                failures.append(f"{name} as {role}: {response.status_code}")
    assert not failures, failures


def test_representative_scope_limits_pages(populated_case, signed_in_client, make_user):
    from datetime import date, timedelta

    from django.urls import reverse

    from cases.models import Representative, RepresentativeStatus

    case = populated_case.case
    viewer = make_user()
    Representative.objects.create(
        case=case,
        party=case.parties.get(role="receiving"),
        user=viewer,
        full_name="View Only",
        email=viewer.email,
        can_view=True,
        valid_until=date.today() + timedelta(days=5),
        status=RepresentativeStatus.ACTIVE,
    )
    client = signed_in_client(viewer)
    assert client.get(populated_case.case_url).status_code == 200
    urls = object_urls(case, populated_case.receiving)
    for name in ("thread", "change", "challenge", "representative", "attachment"):
        assert client.get(urls[name]).status_code == 404, name
    assert (
        client.get(reverse("cases:messages", kwargs={"reference": case.reference})).status_code
        == 404
    )
    assert (
        client.get(reverse("cases:changes", kwargs={"reference": case.reference})).status_code
        == 404
    )


def test_expired_or_revoked_representative_sees_nothing(
    populated_case, signed_in_client, representative
):
    from datetime import date, timedelta

    from cases import services
    from cases.selectors import CaseAccess

    client = signed_in_client(representative)
    assert client.get(populated_case.case_url).status_code == 200
    named = representative.representations.get()
    named.valid_until = date.today() - timedelta(days=1)
    named.save()
    assert client.get(populated_case.case_url).status_code == 404
    named.valid_until = date.today() + timedelta(days=1)
    named.save()
    assert client.get(populated_case.case_url).status_code == 200
    services.revoke_representative(
        acting_user=None,
        representative=named,
        access=CaseAccess(case=named.case, party=named.party),
    )
    assert client.get(populated_case.case_url).status_code == 404


def test_malformed_references_and_ids_are_404(signed_in_client, paying_parent, family_case):
    client = signed_in_client(paying_parent)
    for url in [
        "/account/cases/12100000000/",
        "/account/cases/abcdefghijkl/",
        "/account/cases/%E2%80%8B121/",
        f"/account/cases/{family_case.reference}/decisions/not-a-uuid/",
        f"/account/cases/{family_case.reference}/decisions/00000000-0000-0000-0000-000000000000/",
        f"/account/cases/{family_case.reference}/changes/report/no-such-kind/",
    ]:
        assert client.get(url).status_code == 404, url
