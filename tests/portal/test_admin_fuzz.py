"""Hypothesis over every admin form and bulk action: whatever is posted, the answer is a
page, a redirect or a refusal (never a 5xx)."""

import uuid
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import NoReverseMatch, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BAD_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "1e999",
    "NaN",
    "Infinity",
    "0.5",
    "1/2",
    "\x00",
    "\x07\x1b",
    "١٢٣",
    "é" * 300,
    "x" * 6000,
    "' OR 1=1--",
    "<script>",
    "2030-13-45",
    "2030-01-01",
    "1850-01-01",
    "366",
    "true",
    "on",
    "121000000101",
    "00000000-0000-0000-0000-000000000000",
]
VALUES = st.one_of(
    st.sampled_from(BAD_VALUES),
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
SELECTIONS = st.lists(
    st.one_of(
        st.sampled_from(["\x00", "١", "-1", "0", "9" * 30, "1.5", "", "abc", "1", "1", "2"]), VALUES
    ),
    min_size=1,
    max_size=6,
)
FUZZ = settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _url(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


# Models whose rows the world below cannot make through any service: sign-in records
# kept by allauth, axes and MFA, and the rows the nightly jobs write only on a failure.
NO_ROW_NEEDED = {
    "account.emailaddress",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "mfa.authenticator",
    "payments.jobalert",
    "payments.directpayreport",
    "employers.latepayment",
    "employers.leaverreport",
    "employers.returncorrection",
    "employers.stoppedtradingreport",
    "employers.deductionupload",
    "cases.attachment",
    "cases.reconsideration",
    "cases.representative",
    "cases.relevantotherchild",
    "auth.group",
    "payments.enforcementthresholds",
}


@pytest.fixture
def world(
    employer_world,
    family_case,
    collect_and_pay_case,
    make_employer,
    make_order,
    run_nightly,
    pay,
    caseworker,
    days_ago,
):
    """A row for every admin that can hold one, the newer apps' included, so each change
    page and each page about one row is posted to."""
    from cases import services
    from cases.selectors import CaseAccess
    from hmrc_income.services import import_income_file
    from payments.services import (
        agree_payment_plan,
        import_bank_statement,
        record_expected_payment,
    )
    from payments.services.enforcement_process import start_stage
    from tests.fixtures.cases import online_requests_on
    from tests.hmrc_income.feed_files import csv_file, weekly_rows

    order = make_order(make_employer())
    run_nightly()
    pay(collect_and_pay_case, "20.00")
    receiving = family_case.parties.get(role="receiving")
    services.start_thread(
        acting_user=receiving.user,
        access=CaseAccess(case=family_case, party=receiving),
        subject="Help",
        body="Question",
    )
    start_stage(
        acting_user=caseworker,
        case=collect_and_pay_case,
        stage="arrears_notice",
        on_date=days_ago(0),
        idempotency_key="fuzz:notice",
    )
    online_requests_on(collect_and_pay_case, days_ago)
    services.issue_activation_code(acting_user=caseworker, party=receiving)
    services.report_change(
        acting_user=receiving.user,
        access=CaseAccess(case=family_case, party=receiving),
        kind="extra_payment",
        answers={"amount": Decimal("5"), "paid_on": days_ago(1)},
    )
    agree_payment_plan(
        acting_user=None,
        case=collect_and_pay_case,
        amount_per_instalment="10.00",
        starts_on=days_ago(0),
    )
    # A parent's payment taken by phone, then the bank money that matches it.
    record_expected_payment(
        acting_user=caseworker,
        case=collect_and_pay_case,
        amount="15.00",
        paid_on=days_ago(1),
        method="bank_transfer",
        reference=collect_and_pay_case.reference,
        idempotency_key="fuzz:expected",
    )
    import_bank_statement(
        acting_user=None,
        file_name="fuzz.csv",
        content=(
            "transaction_id,booked_on,amount,reference,payer_name\n"
            f"FUZZ-0,{days_ago(0).isoformat()},12.34,NO REFERENCE,SOMEONE\n"
            f"FUZZ-1,{days_ago(1).isoformat()},15.00,{collect_and_pay_case.reference},PARENT\n"
        ).encode(),
    )
    # Tomorrow's pass-on pays the matched money on.
    run_nightly(days_ago(-1))
    # One income line for a number no party has: a row to match by hand.
    import_income_file(
        acting_user=None,
        file_name="fuzz-feed.csv",
        data=csv_file(*weekly_rows("AB123456C", "400.00")),
    )
    return order


@pytest.fixture
def superuser_client(admin_user, mfa_user_client):
    client = mfa_user_client(admin_user)
    client.raise_request_exception = False
    return client


def _form_keys(response):
    context = response.context
    if context is None:
        return []
    form = context.get("adminform").form if context.get("adminform") else context.get("form")
    return list(getattr(form, "fields", {})) if form is not None else []


def _check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


def test_no_admin_page_form_or_action_answers_500(superuser_client, world):
    client = superuser_client
    for model, model_admin in MODEL_ADMINS:
        _fuzz_one_admin(client, model, model_admin)


def test_the_world_has_a_row_for_every_admin(world):
    """So a model admin added later is fuzzed on its change page and its own pages too:
    add a row for it to the world (or say here why it cannot have one)."""
    empty = [
        model._meta.label_lower
        for model, _admin in MODEL_ADMINS
        if model._meta.label_lower not in NO_ROW_NEEDED and not model._default_manager.exists()
    ]
    assert empty == [], " ".join(empty)
    own = {
        resolve(url).url_name
        for model, model_admin in MODEL_ADMINS
        for url in _own_pages(model, model_admin, model._default_manager.first())
    }
    assert {
        "payments_enforcementstep_outcome",
        "payments_enforcementstep_waive",
        "cases_closurerequest_confirm",
        "cases_closurerequest_refuse",
        "applications_application_set_up_case",
    } <= own, own


def _own_pages(model, model_admin, first):
    """The admin's own pages beyond list, add, change, delete and history (decisions,
    outcomes, downloads...), for its first row where they take one."""
    standard = {"changelist", "add", "change", "delete", "history", "autocomplete"}
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    urls = []
    for pattern in model_admin.get_urls():
        name = getattr(pattern, "name", None)
        converters = getattr(pattern.pattern, "converters", {})
        if not name or name.removeprefix(prefix) in standard or "object_id" in converters:
            continue
        args = []
        for converter in converters.values():
            kind = type(converter).__name__
            if kind == "IntConverter":
                if first is None:
                    break
                args.append(first.pk)
            elif kind == "UUIDConverter":
                args.append(getattr(first, "public_id", None) or uuid.UUID(int=0))
            else:
                args.append("0")
        else:
            try:
                urls.append(reverse(f"admin:{name}", args=args))
            except NoReverseMatch:
                continue
    return urls


def _fuzz_one_admin(client, model, model_admin):
    changelist = _url(model, "changelist")
    _check(client.get(changelist), changelist)
    targets = []
    add = _url(model, "add")
    if add:
        response = client.get(add)
        _check(response, add)
        if response.status_code == 200:
            targets.append((add, _form_keys(response)))
    first = model_admin.get_queryset(_request(client)).first()
    if first is not None:
        change = _url(model, "change", first.pk)
        response = client.get(change)
        _check(response, change)
        if response.status_code == 200:
            targets.append((change, _form_keys(response)))
    for url in _own_pages(model, model_admin, first):
        response = client.get(url)
        _check(response, url)
        # A page with no form of its own is posted the usual admin field names.
        targets.append((url, _form_keys(response) or ["reason", "note", "on_date", "post"]))
    actions = [
        name for name in model_admin.get_actions(_request(client)) if name != "delete_selected"
    ]

    @FUZZ
    @given(data=st.data())
    def run(data):
        for url, keys in targets:
            post = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUES)))
            _check(client.post(url, post), f"POST {url} {post!r}")
        if actions:
            selection = data.draw(SELECTIONS)
            action = data.draw(st.sampled_from(actions))
            response = client.post(
                changelist, {"action": action, "index": "0", ACTION_CHECKBOX_NAME: selection}
            )
            _check(response, f"{model._meta.label} {action} {selection!r}")

    run()


def test_the_add_child_form_answers_bad_values_with_errors(caseworker_client, family_case):
    from cases.models import Child

    receiving = family_case.parties.get(role="receiving")
    good = {
        "case": family_case.pk,
        "receiving_party": receiving.pk,
        "full_name": "Kid",
        "date_of_birth": "2016-05-05",
        "shared_care_nights": "0",
    }
    caseworker_client.raise_request_exception = False
    url = reverse("admin:cases_child_add")
    for value in BAD_VALUES:
        for name in good:
            response = caseworker_client.post(url, {**good, name: value})
            assert response.status_code in (200, 302), (name, value, response.status_code)
            if response.status_code == 200:
                assert response.context["adminform"].form.errors, (name, value)
        before = Child.objects.count()
        assert caseworker_client.post(url, dict.fromkeys(good, value)).status_code == 200
        assert Child.objects.count() == before


@pytest.mark.parametrize(
    "selection",
    [
        ["\x00"],
        ["١٢٣٤٥٦"],
        ["-1"],
        ["9" * 30],
        ["abc"],
        [""],
        ["1.5"],
        ["\x00", "{pk}"],
        ["{pk}", "{pk}", "{pk}"],
    ],
)
def test_bulk_actions_ignore_ids_that_cannot_exist(caseworker_client, family_case, selection):
    from casework.models import WorkItem

    item = WorkItem.objects.create(case=family_case, kind="other", summary="Look at this")
    caseworker_client.raise_request_exception = False
    chosen = [value.replace("{pk}", str(item.pk)) for value in selection]
    response = caseworker_client.post(
        reverse("admin:casework_workitem_changelist"),
        {"action": "mark_in_progress", ACTION_CHECKBOX_NAME: chosen},
    )
    # The list again ("select items") or back to it after acting: never a server error.
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert (item.status == "in_progress") is (str(item.pk) in chosen)


def _request(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return request


def test_the_money_return_and_closing_pages_answer_any_post_without_500(
    superuser_client, collect_and_pay_case, make_employer, make_order, run_nightly, days_ago
):
    """The admin's own pages beyond add and change: matching bank money, importing a
    statement, correcting a return, and closing a case or refusing to."""
    from decimal import Decimal

    from django.utils import timezone

    from cases import services as case_services
    from employers import services as employer_services
    from payments.services import record_bank_receipt

    client = superuser_client
    run_nightly()
    bank = record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=Decimal("25.00"),
        reference="X",
        transaction_id="t",
    )
    employer = make_employer()
    order = make_order(employer)
    filed = employer_services.file_returns(
        acting_user=None,
        employer=employer,
        pay_date=timezone.localdate(),
        lines=[(order.reference, Decimal("1000.00"), Decimal("0.00"))],
    )[0]
    closure = case_services.request_closure_review(
        acting_user=None, case=collect_and_pay_case, reason="Check"
    )
    urls = [
        reverse("admin:payments_bankreceipt_match", args=[bank.pk]),
        reverse("admin:payments_bankreceipt_import"),
        reverse("admin:employers_deductionreturn_correct", args=[filed.pk]),
        reverse("admin:cases_closurerequest_confirm", args=[closure.pk]),
        reverse("admin:cases_closurerequest_refuse", args=[closure.pk]),
    ]
    targets = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        targets.append((url, _form_keys(response)))
    assert all(keys for _url, keys in targets)

    @settings(FUZZ, max_examples=10)
    @given(data=st.data())
    def run(data):
        for url, keys in targets:
            post = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUES)))
            _check(client.post(url, post), f"POST {url} {post!r}")

    run()
