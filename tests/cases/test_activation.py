"""Linking a sign-in to a party with the case reference, date of birth and a one-time code."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import ActivationCode
from cms_portal.models import AuditEvent


@pytest.fixture
def unlinked(make_case):
    case = make_case()
    party = case.parties.get(role="receiving")
    record, code = services.issue_activation_code(acting_user=None, party=party)
    return case, party, record, code


def _post(client, case, party, code, **overrides):
    born = party.date_of_birth
    data = {
        "case_reference": case.reference,
        "date_of_birth-day": born.day,
        "date_of_birth-month": born.month,
        "date_of_birth-year": born.year,
        "activation_code": code,
        **overrides,
    }
    return client.post(reverse("cases:activate"), data)


def test_code_is_stored_hashed_and_links_once(unlinked, make_user, signed_in_client):
    case, party, record, code = unlinked
    assert code.replace("-", "") not in record.code_hash
    user = make_user()
    response = _post(signed_in_client(user), case, party, code.lower().replace("-", " "))
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.user == user
    assert AuditEvent.objects.filter(action="activation.succeeded", actor=user).exists()
    # Single use: a second person with the same details is refused.
    again = _post(signed_in_client(make_user()), case, party, code)
    assert again.status_code == 400


def test_reference_with_spaces_is_accepted(unlinked, make_user, signed_in_client):
    case, party, _record, code = unlinked
    spaced = " ".join(case.reference[i : i + 3] for i in range(0, 12, 3))
    assert (
        _post(signed_in_client(make_user()), case, party, code, case_reference=spaced).status_code
        == 302
    )


def test_five_wrong_tries_lock_the_code_and_are_audited(unlinked, make_user, signed_in_client):
    case, party, record, code = unlinked
    client = signed_in_client(make_user())
    for _ in range(5):
        response = _post(client, case, party, "WRONG-CODE-0000")
        assert response.status_code == 400
        assert "do not match our records" in response.content.decode()
    record.refresh_from_db()
    assert record.failed_attempts == 5 and record.locked_at is not None
    assert AuditEvent.objects.filter(action="activation.failed").count() == 5
    assert AuditEvent.objects.filter(action="activation_code.locked").count() == 1
    # Even the right code no longer works.
    response = _post(client, case, party, code)
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    party.refresh_from_db()
    assert party.user is None


def test_wrong_date_of_birth_counts_as_a_wrong_try(unlinked, make_user, signed_in_client):
    case, party, record, code = unlinked
    _post(signed_in_client(make_user()), case, party, code, **{"date_of_birth-year": 1950})
    record.refresh_from_db()
    assert record.failed_attempts == 1
    party.refresh_from_db()
    assert party.user is None


def test_expired_code_is_refused(unlinked, make_user, signed_in_client):
    case, party, record, code = unlinked
    ActivationCode.objects.filter(pk=record.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = _post(signed_in_client(make_user()), case, party, code)
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_codes_expire_after_28_days(unlinked):
    _case, _party, record, _code = unlinked
    assert record.expires_at - record.issued_at == timedelta(days=28)


def test_a_new_code_replaces_the_old_one(unlinked, make_user, signed_in_client):
    case, party, _record, old_code = unlinked
    _new, new_code = services.issue_activation_code(acting_user=None, party=party)
    assert _post(signed_in_client(make_user()), case, party, old_code).status_code == 400
    assert _post(signed_in_client(make_user()), case, party, new_code).status_code == 302


def test_many_failures_by_one_user_are_throttled(make_user, signed_in_client, unlinked):
    case, party, _record, code = unlinked
    client = signed_in_client(make_user())
    for _ in range(10):
        client.post(
            reverse("cases:activate"),
            {
                "case_reference": "121999999999",
                "date_of_birth-day": 1,
                "date_of_birth-month": 1,
                "date_of_birth-year": 1980,
                "activation_code": "X",
            },
        )
    response = _post(client, case, party, code)
    assert response.status_code == 429
    party.refresh_from_db()
    assert party.user is None


def test_a_user_can_hold_several_cases(make_case, make_user, signed_in_client):
    user = make_user()
    client = signed_in_client(user)
    for _ in range(2):
        case = make_case()
        party = case.parties.get(role="paying")
        _record, code = services.issue_activation_code(acting_user=None, party=party)
        assert _post(client, case, party, code).status_code == 302
    html = client.get(reverse("cases:dashboard")).content.decode()
    assert html.count("Case 121") == 2


def test_representative_activates_only_with_the_named_email(
    family_case, make_user, signed_in_client, receiving_parent
):
    from datetime import date

    from cases.selectors import CaseAccess

    receiving = family_case.parties.get(role="receiving")
    representative, code = services.name_representative(
        acting_user=receiving_parent,
        access=CaseAccess(case=family_case, party=receiving),
        full_name="Ashley Adviser",
        email="adviser@example.test",
        can_view=True,
        can_report_changes=False,
        can_message=False,
        valid_until=date.today() + timedelta(days=9),
    )
    data = {"case_reference": family_case.reference, "activation_code": code}
    wrong = signed_in_client(make_user())
    response = wrong.post(reverse("cases:activate_representative"), data)
    assert response.status_code == 400
    assert "email address the parent gave" in response.content.decode()
    right = signed_in_client(make_user(email="adviser@example.test"))
    assert right.post(reverse("cases:activate_representative"), data).status_code == 302
    representative.refresh_from_db()
    assert representative.status == "active"
    assert right.get(f"/account/cases/{family_case.reference}/").status_code == 200


def test_guesses_about_another_party_do_not_lock_their_code(unlinked, make_user, signed_in_client):
    """Knowing a case reference is not enough to lock the other parent out."""
    case, party, record, code = unlinked
    client = signed_in_client(make_user())
    for _ in range(6):
        _post(client, case, party, "WRONG-CODE-0000", **{"date_of_birth-year": 1950})
    record.refresh_from_db()
    assert record.failed_attempts == 0 and record.locked_at is None
    assert AuditEvent.objects.filter(action="activation.failed").count() == 6
    assert _post(signed_in_client(make_user()), case, party, code).status_code == 302
