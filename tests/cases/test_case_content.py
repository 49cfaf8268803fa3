"""What a signed-in parent reads around their case: the challenge deadline the law sets,
a way to the calculator, and an email when someone acting for them is removed."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import Representative
from cases.selectors import CaseAccess, current_decision
from cms_portal.formatting import govuk_date


def _url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    "language,says",
    [
        ("en", "You should ask within 30 days of the day we told you about the decision."),
        ("cy", "Dylech ofyn cyn pen 30 diwrnod o’r diwrnod y gwnaethom ddweud wrthych"),
    ],
)
def test_challenge_page_gives_the_30_days_of_reg_14(
    family_case, signed_in_client, paying_parent, language, says
):
    page = _text(
        signed_in_client(paying_parent).get(
            _url(language, "cases:challenge", reference=family_case.reference)
        )
    )
    assert says in page
    assert "1 month" not in page and "1 mis" not in page


def test_the_case_page_shows_the_30_day_deadline(family_case, signed_in_client, paying_parent):
    decision = current_decision(family_case)
    expected = timezone.localdate(decision.decided_at) + timedelta(days=30)
    assert decision.challenge_by == expected
    page = _text(
        signed_in_client(paying_parent).get(
            reverse("cases:detail", kwargs={"reference": family_case.reference})
        )
    )
    assert f"look at this decision again until {govuk_date(expected)}." in page


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", ["cases:dashboard", "cases:detail"])
def test_signed_in_pages_link_to_the_calculator(
    family_case, signed_in_client, paying_parent, language, name
):
    kwargs = {"reference": family_case.reference} if name == "cases:detail" else {}
    html = signed_in_client(paying_parent).get(_url(language, name, **kwargs)).content.decode()
    assert f'href="{_url(language, "calculation:start")}"' in html


@pytest.mark.parametrize(
    "language,subject",
    [
        ("en", "You can no longer act on a child maintenance case"),
        ("cy", "Ni allwch weithredu ar achos cynhaliaeth plant mwyach"),
    ],
)
def test_a_removed_representative_is_told(
    family_case, representative, language, subject, django_capture_on_commit_callbacks
):
    representative.preferred_language = language
    representative.save(update_fields=["preferred_language"])
    named = Representative.objects.get(user=representative)
    access = CaseAccess(case=family_case, party=named.party)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_representative(
            acting_user=named.party.user, representative=named, access=access
        )
    sent = [message for message in mail.outbox if message.to == [representative.email]]
    assert [message.subject for message in sent] == [subject]
    # Removing again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_representative(acting_user=None, representative=named)
    assert len([m for m in mail.outbox if m.to == [representative.email]]) == 1


def test_a_representative_not_yet_linked_is_told_at_the_address_named(
    family_case, receiving_parent, django_capture_on_commit_callbacks
):
    party = family_case.parties.get(role="receiving")
    access = CaseAccess(case=family_case, party=party)
    named, _code = services.name_representative(
        acting_user=receiving_parent,
        access=access,
        full_name="Nia Adviser",
        email="nia@example.test",
        can_view=True,
        can_report_changes=False,
        can_message=False,
        valid_until=date.today() + timedelta(days=10),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_representative(
            acting_user=receiving_parent, representative=named, access=access
        )
    assert [m.to for m in mail.outbox] == [["nia@example.test"]]
    assert "Dear Nia Adviser" in mail.outbox[0].body
