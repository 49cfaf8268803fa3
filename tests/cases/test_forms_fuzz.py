"""Hypothesis on every parents' form: whatever is posted, the answer is a page or a
redirect (never a 500), and a refused form saves nothing."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.forms.activation import ActivationForm, RepresentativeActivationForm
from cases.forms.challenge import ReasonsForm
from cases.forms.messages import NewMessageForm, ReplyForm
from cases.forms.representatives import RepresentativeForm
from cases.journeys import JOURNEYS
from cases.models import (
    ChangeReport,
    Message,
    MessageThread,
    Party,
    Reconsideration,
    Representative,
)
from cms_portal.forms.fields import GovukDateField

EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e999",
    "NaN",
    "Infinity",
    "£",
    "£-5",
    "1,2,3",
    "99999999999",
    "31",
    "2",
    "2026",
    "0000",
    "\x00",
    "<script>alert(1)</script>",
    "é" * 300,
    "12.345",
    "365",
    "366",
    "121000000000",
    "30-94-30",
    "a@b",
    "x" * 6000,
]
VALUES = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**6), max_value=10**12).map(str),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def post_keys(form_class, **kwargs):
    form = form_class(**kwargs)
    keys = []
    for name, field in form.fields.items():
        if isinstance(field, GovukDateField):
            keys += [f"{name}-day", f"{name}-month", f"{name}-year"]
        else:
            keys.append(name)
    return keys


def posts(keys):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUES))


def _counts():
    return (
        ChangeReport.objects.count(),
        Message.objects.count(),
        MessageThread.objects.count(),
        Representative.objects.count(),
        Reconsideration.objects.count(),
        Party.objects.filter(user__isnull=False).count(),
    )


def fuzz(client, url, keys):
    """Posts generated answers for `keys` to `url` and checks each reply."""

    @FUZZ
    @given(posts(keys))
    def run(data):
        check_post(client, url, data)

    run()


def check_post(client, url, data):
    before = _counts()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 429), response.status_code
    if response.status_code in (400, 429):
        assert _counts() == before
        assert b"govuk-error-summary" in response.content
    return response


@pytest.fixture
def parent_client(family_case, paying_parent, signed_in_client, reauthenticate):
    return reauthenticate(signed_in_client(paying_parent))


@pytest.mark.parametrize("kind", [kind for kind in JOURNEYS if kind != "missed_payment"])
def test_change_forms(kind, family_case, parent_client, paying_parent):
    from cases.selectors import case_access

    access = case_access(paying_parent, family_case.reference)
    url = reverse("cases:change_form", kwargs={"reference": family_case.reference, "kind": kind})
    fuzz(parent_client, url, post_keys(JOURNEYS[kind].form_class, access=access))


def test_missed_payment_form(family_case, receiving_parent, signed_in_client):
    client = signed_in_client(receiving_parent)
    url = reverse("payments:report_missed", kwargs={"reference": family_case.reference})
    fuzz(client, url, ["due_date", "amount_received"])


@pytest.mark.parametrize(
    "form_class,url_name",
    [
        (ActivationForm, "cases:activate"),
        (RepresentativeActivationForm, "cases:activate_representative"),
    ],
)
def test_activation_forms(form_class, url_name, make_user, signed_in_client, make_case):
    make_case()
    fuzz(signed_in_client(make_user()), reverse(url_name), post_keys(form_class))


def test_message_and_representative_forms(family_case, parent_client):
    reference = family_case.reference
    targets = [
        (NewMessageForm, reverse("cases:message_new", kwargs={"reference": reference})),
        (RepresentativeForm, reverse("cases:representative_add", kwargs={"reference": reference})),
    ]
    for form_class, url in targets:
        fuzz(parent_client, url, post_keys(form_class))


def test_reply_and_challenge_forms(family_case, parent_client, paying_parent):
    from cases import services
    from cases.selectors import case_access

    reference = family_case.reference
    access = case_access(paying_parent, reference)
    thread = services.start_thread(
        acting_user=paying_parent, access=access, subject="S", body="B"
    ).thread
    decision = family_case.decisions.get()
    parent_client.post(
        reverse("cases:challenge", kwargs={"reference": reference}),
        {"decision": str(decision.public_id)},
    )
    targets = [
        (
            ReplyForm,
            {},
            reverse("cases:thread", kwargs={"reference": reference, "thread_id": thread.public_id}),
        ),
        (
            ReasonsForm,
            {"is_late": True},
            reverse("cases:challenge_reasons", kwargs={"reference": reference}),
        ),
    ]
    for form_class, kwargs, url in targets:
        fuzz(parent_client, url, post_keys(form_class, **kwargs))
    fuzz(parent_client, reverse("cases:challenge", kwargs={"reference": reference}), ["decision"])
