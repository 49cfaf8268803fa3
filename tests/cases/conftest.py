"""A populated family case for the cases tests: a message thread with a file, a change
report, a challenge and a named representative on each parent's side."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR"
    + b"\x00" * 13
    + b"\x00" * 4
    + b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A Welsh page leaves Welsh active in the test thread, which would make reverse()
    give /cy/ paths in the next test; each test starts and ends in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


def pdf_upload(name="evidence.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def side_objects(case, party, user):
    """One of each object on a party's side of the case, made through the services."""
    from datetime import date, timedelta

    from cases import services
    from cases.selectors import CaseAccess, current_decision

    access = CaseAccess(case=case, party=party)
    message = services.start_thread(
        acting_user=user, access=access, subject="A question", body="Hello", upload=pdf_upload()
    )
    report = services.report_change(
        acting_user=user,
        access=access,
        kind="extra_payment",
        answers={"amount": 10, "paid_on": date.today(), "note": ""},
    )
    challenge = services.request_reconsideration(
        acting_user=user,
        access=access,
        decision=current_decision(case),
        reasons="The income is wrong",
    )
    representative, _code = services.name_representative(
        acting_user=user,
        access=access,
        full_name="Named Adviser",
        email=f"adviser-{party.public_id}@example.test",
        can_view=True,
        can_report_changes=False,
        can_message=False,
        valid_until=date.today() + timedelta(days=30),
    )
    return SimpleNamespace(
        thread=message.thread,
        attachment=message.attachments.get(),
        report=report,
        challenge=challenge,
        representative=representative,
    )


def object_urls(case, objects):
    reference = case.reference
    return {
        "thread": reverse(
            "cases:thread", kwargs={"reference": reference, "thread_id": objects.thread.public_id}
        ),
        "attachment": reverse(
            "cases:attachment",
            kwargs={"reference": reference, "attachment_id": objects.attachment.public_id},
        ),
        "change": reverse(
            "cases:change", kwargs={"reference": reference, "change_id": objects.report.public_id}
        ),
        "challenge": reverse(
            "cases:challenge_detail",
            kwargs={"reference": reference, "request_id": objects.challenge.public_id},
        ),
        "representative": reverse(
            "cases:representative_remove",
            kwargs={"reference": reference, "representative_id": objects.representative.public_id},
        ),
    }


@pytest.fixture
def populated_case(family_case, paying_parent, receiving_parent, representative):
    from cases.selectors import current_decision

    paying = family_case.parties.get(role="paying")
    receiving = family_case.parties.get(role="receiving")
    decision = current_decision(family_case)
    return SimpleNamespace(
        case=family_case,
        paying=side_objects(family_case, paying, paying_parent),
        receiving=side_objects(family_case, receiving, receiving_parent),
        case_url=reverse("cases:detail", kwargs={"reference": family_case.reference}),
        decision_url=reverse(
            "cases:decision",
            kwargs={"reference": family_case.reference, "decision_id": decision.public_id},
        ),
    )
