"""Drafts expire after 28 days with a warning a week before; the applicant's hidden
address never reaches the other parent; hypothesis over every apply form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications import journey, services, tasks
from applications.models import Application
from cases.models import Party, PartyRole
from cases.services import decisions, setup
from cms_portal.models import AuditEvent
from tests.cases.test_forms_fuzz import EDGE_VALUES
from tests.cases.test_privacy import _crawl, _leaks

from .helpers import ANSWERS, answer_every_question, question_url, submit

pytestmark = pytest.mark.django_db


def test_a_draft_is_warned_at_21_days_and_deleted_at_28(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    application = services.start_application(acting_user=user)
    now = timezone.now()
    Application.objects.filter(pk=application.pk).update(last_saved_at=now - timedelta(days=20))
    assert services.warn_and_delete_old_drafts(now=now) == (0, 0)
    Application.objects.filter(pk=application.pk).update(last_saved_at=now - timedelta(days=21))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_drafts() == {"warned": 1, "deleted": 0}
        assert tasks.expire_drafts() == {"warned": 0, "deleted": 0}  # warned once
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert "will be deleted soon" in mail.outbox[0].subject
    Application.objects.filter(pk=application.pk).update(last_saved_at=now - timedelta(days=28))
    assert services.warn_and_delete_old_drafts(now=now) == (0, 1)
    assert not Application.objects.exists()
    assert AuditEvent.objects.filter(action="application.draft_deleted").exists()


def test_saving_an_answer_keeps_the_draft_longer(signed_in_client, make_user):
    user = make_user()
    client = signed_in_client(user)
    client.post("/apply/")
    Application.objects.update(last_saved_at=timezone.now() - timedelta(days=27))
    client.post(question_url("where-you-live"), ANSWERS["where-you-live"])
    assert Application.objects.get().expires_at > timezone.now() + timedelta(days=27)


def test_a_submitted_application_never_expires(signed_in_client, make_user):
    client = signed_in_client(make_user())
    answer_every_question(client)
    submit(client)
    Application.objects.update(last_saved_at=timezone.now() - timedelta(days=90))
    assert services.warn_and_delete_old_drafts() == (0, 0)
    assert Application.objects.count() == 1


SECRETS = {
    "address_line_1": "Zqxhidden Lane",
    "town": "Zqxsecretville",
    "postcode": "YO62 7XW",
    "phone": "07111 246813",
}


def test_the_hidden_address_never_reaches_the_other_parent(
    signed_in_client,
    make_user,
    caseworker,
    reauthenticate,
    django_capture_on_commit_callbacks,
):
    applicant = make_user()
    client = signed_in_client(applicant)
    answer_every_question(
        client,
        answers={
            "your-address": {
                "address_line_1": SECRETS["address_line_1"],
                "town": SECRETS["town"],
                "postcode": SECRETS["postcode"],
            },
            "your-phone": {"phone": SECRETS["phone"]},
        },
    )
    submit(client)
    application = Application.objects.get()
    details = services.case_setup_defaults(application)
    case = services.create_case_from_application(
        acting_user=caseworker, application=application, details=details
    )
    other_parent = make_user()
    Party.objects.filter(case=case, role=PartyRole.PAYING).update(
        user=other_parent, email=other_parent.email
    )
    with django_capture_on_commit_callbacks(execute=True):
        setup.record_income(
            acting_user=caseworker, case=case, gross_weekly_income=400, source="hmrc_historic"
        )
        decisions.make_decision(acting_user=caseworker, case=case)
    receiving = case.parties.get(role=PartyRole.RECEIVING)
    assert receiving.postcode == SECRETS["postcode"] and receiving.safeguarding
    viewer = reauthenticate(signed_in_client(other_parent))
    case_url = reverse("cases:detail", args=[case.reference])
    bodies = _crawl(viewer, [reverse("cases:dashboard"), case_url, f"/cy{case_url}"])
    assert len(bodies) > 5
    assert not _leaks(bodies, SECRETS)
    emails = [(m.subject, m.body) for m in mail.outbox if other_parent.email in m.to]
    assert emails
    assert not _leaks([("email", f"{s}\n{b}") for s, b in emails], SECRETS)
    # Nor does any audit event copy it.
    audit = [("audit", str(event.details)) for event in AuditEvent.objects.all()]
    assert not _leaks(audit, SECRETS)


FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALUES = st.one_of(st.sampled_from(EDGE_VALUES), st.text(max_size=30))


def _keys(step):
    from cms_portal.forms.fields import GovukDateField

    form = step.form(**step.form_kwargs)
    keys = []
    for name, form_field in form.fields.items():
        if isinstance(form_field, GovukDateField):
            keys += [f"{name}-day", f"{name}-month", f"{name}-year"]
        else:
            keys.append(name)
    return keys


def test_no_form_fails_or_saves_invalid_answers(signed_in_client, make_user):
    client = signed_in_client(make_user())
    answer_every_question(client)
    application = Application.objects.get()
    for step in journey.steps(application.answers):
        _fuzz(client, question_url(step.slug), _keys(step))


def _fuzz(client, url, keys):
    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUES)))
    def run(data):
        before = Application.objects.get().answers
        response = client.post(url, data)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:
            assert b"govuk-error-summary" in response.content
            assert Application.objects.get().answers == before

    run()
