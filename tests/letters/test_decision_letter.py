"""The decision letter: a tagged PDF with a text layer that says the amount, how it was
worked out (worded for the reader) and until when it can be challenged, in English and
Welsh; every download audited."""

import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock

from django.urls import reverse
from django.utils import translation

from cases.presenters.case import decision_explanation
from cms_portal.formatting import govuk_date, money
from cms_portal.models import AuditEvent

from .helpers import pdf_text, read_pdf, squash


def letter_url(case, decision=None, prefix=""):
    decision = decision or case.decisions.latest()
    return prefix + reverse(
        "letters:decision",
        kwargs={"reference": case.reference, "decision_id": decision.public_id},
    )


def test_the_letter_is_a_tagged_pdf_with_its_language_and_title(
    family_case, paying_parent, signed_in_client
):
    response = signed_in_client(paying_parent).get(letter_url(family_case))
    reader = read_pdf(response)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    decision = family_case.decisions.latest()
    assert reader.metadata.title == (
        f"Child maintenance decision made on {govuk_date(decision.decided_at)}"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="decision-{family_case.reference}-' in disposition
    assert disposition.endswith('.pdf"')


def test_the_paying_parent_reads_the_amount_the_steps_and_the_deadline(
    family_case, paying_parent, signed_in_client
):
    decision = family_case.decisions.latest()
    paying = family_case.parties.get(role="paying")
    text = pdf_text(read_pdf(signed_in_client(paying_parent).get(letter_url(family_case))))
    assert money(decision.weekly_amount_for(paying)) in text
    assert (
        f"You can ask us to look at this decision again until {govuk_date(decision.challenge_by)}"
        in text
    )
    assert "mandatory reconsideration" in text
    steps = decision_explanation(decision, "en")
    assert steps
    for step in steps:
        assert squash(step) in text


def test_the_receiving_parent_reads_the_steps_worded_for_them(
    family_case, receiving_parent, signed_in_client
):
    decision = family_case.decisions.latest()
    receiving = family_case.parties.get(role="receiving")
    text = pdf_text(read_pdf(signed_in_client(receiving_parent).get(letter_url(family_case))))
    theirs = decision_explanation(decision, "en", reader=receiving)
    payings = decision_explanation(decision, "en")
    assert theirs != payings
    for step in theirs:
        assert squash(step) in text
    assert money(decision.weekly_amount_for(receiving)) in text


noon = clock(12)


def test_a_late_challenge_says_the_usual_time_has_ended(
    family_case, paying_parent, signed_in_client, time_machine
):
    decision = family_case.decisions.latest()
    time_machine.move_to(datetime.combine(decision.challenge_by + timedelta(days=3), noon, UTC))
    text = pdf_text(read_pdf(signed_in_client(paying_parent).get(letter_url(family_case))))
    assert (
        f"The usual time to ask us to look at this decision again ended on "
        f"{govuk_date(decision.challenge_by)}" in text
    )


def test_the_welsh_letter_is_in_welsh(family_case, paying_parent, signed_in_client):
    decision = family_case.decisions.latest()
    response = signed_in_client(paying_parent).get(letter_url(family_case, prefix="/cy"))
    reader = read_pdf(response)
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert response["Content-Disposition"].endswith('-cy.pdf"')
    text = pdf_text(reader)
    assert "Faint" in text and "Os ydych yn anghytuno" in text
    assert "How much" not in text
    with translation.override("cy"):
        deadline = govuk_date(decision.challenge_by)
        steps = decision_explanation(decision, "cy")
    assert deadline in text
    for step in steps:
        assert squash(step) in text


def test_every_download_is_audited(family_case, receiving_parent, signed_in_client):
    decision = family_case.decisions.latest()
    signed_in_client(receiving_parent).get(letter_url(family_case, prefix="/cy"))
    event = AuditEvent.objects.get(action="letter.downloaded")
    assert event.actor == receiving_parent
    assert event.object_ref == family_case.reference
    assert event.details["letter"] == "decision"
    assert event.details["decision"] == str(decision.public_id)
    assert event.details["language"] == "cy"
    assert event.details["party"] == str(family_case.parties.get(role="receiving").public_id)


def test_a_past_decision_has_its_own_letter(family_case, paying_parent, signed_in_client):
    from cases import services
    from cases.models import DecisionReason

    first = family_case.decisions.latest()
    services.make_decision(
        acting_user=None,
        case=family_case,
        reason=DecisionReason.CHANGE,
        effective_date=first.effective_date,
        notify=False,
    )
    text = pdf_text(read_pdf(signed_in_client(paying_parent).get(letter_url(family_case, first))))
    assert govuk_date(first.decided_at) in text


def test_the_case_page_and_the_decision_page_link_to_the_letter(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    decision = family_case.decisions.latest()
    english = letter_url(family_case)
    welsh = letter_url(family_case, prefix="/cy")
    case_page = client.get(reverse("cases:detail", kwargs={"reference": family_case.reference}))
    decision_page = client.get(
        reverse(
            "cases:decision",
            kwargs={"reference": family_case.reference, "decision_id": decision.public_id},
        )
    )
    for page in (case_page, decision_page):
        html = page.content.decode()
        assert f'href="{english}"' in html
        assert f'href="{welsh}" hreflang="cy" lang="cy"' in html
    welsh_page = client.get(
        "/cy" + reverse("cases:detail", kwargs={"reference": family_case.reference})
    ).content.decode()
    assert f'href="{welsh}"' in welsh_page and f'href="{english}" hreflang="en"' in welsh_page


def test_a_letter_is_quick_to_draw(family_case, paying_parent, signed_in_client):
    client = signed_in_client(paying_parent)
    client.get(letter_url(family_case))  # the first draw loads the fonts
    started = time.perf_counter()
    read_pdf(client.get(letter_url(family_case)))
    assert time.perf_counter() - started < 2


def test_a_representative_gets_the_letter_of_the_parent_they_act_for(
    family_case, representative, signed_in_client
):
    decision = family_case.decisions.latest()
    receiving = family_case.parties.get(role="receiving")
    text = pdf_text(read_pdf(signed_in_client(representative).get(letter_url(family_case))))
    assert f"For {receiving.full_name} (Receiving parent)" in text
    for step in decision_explanation(decision, "en", reader=receiving):
        assert squash(step) in text
