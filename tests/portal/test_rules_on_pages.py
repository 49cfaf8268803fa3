"""Every rate and amount of a rule that a page states comes from the rule's table
(calculation/fees.py, cases/rules.py, employers/rules.py) through a presenter: no
template, and no string in an app's code, writes one as a literal; and changing a table
changes the page."""

import ast
import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from calculation import fees
from calculation.dated import DatedTable
from cases import rules as case_rules
from cms_portal.formatting import percent
from employers import rules as employer_rules

ROOT = Path(__file__).resolve().parents[2]
FIGURE = re.compile(r"\d[\d,.]*\s?%|\bper\s+cent\b|£\s?\d+(?:,\d{3})*(?:\.\d\d)?", re.IGNORECASE)
JINJA_TAGS = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Every app that serves pages (nonprod's demo data serves none).
APPS = sorted(path.parent for path in ROOT.glob("*/apps.py") if path.parent.name != "nonprod")
# Figures a template may write as they are, each with why it is not a rule's figure.
NOT_RULE_FIGURES = {
    # WCAG 2.2 success criterion 1.4.4 (resize text), not a child maintenance rule.
    ("templates/pages/accessibility.html", "400%"),
}
# The bounds of amount boxes in error messages: nothing may be negative, and the upper
# bounds sit far above any real figure to catch typing mistakes. No rule sets them.
INPUT_BOUNDS = {"£0", "£1,000,000", "£10,000,000", "£1,000,000,000", "£10,000,000,000"}


def _template_figures():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt"):
            continue
        text = JINJA_TAGS.sub(" ", path.read_text())
        for match in FIGURE.finditer(text):
            yield path.relative_to(ROOT).as_posix(), match.group().replace("%%", "%")


def _python_modules():
    for app in APPS:
        for path in sorted(app.rglob("*.py")):
            if not {"migrations", "settings"} & set(path.relative_to(app).parts):
                yield path


def _code_figures():
    """Figures in the strings of each app's code, leaving out docstrings (which may
    explain a rule with its figures) and the tables themselves (numbers, not strings)."""
    for path in _python_modules():
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                for match in FIGURE.finditer(node.value):
                    yield path.relative_to(ROOT).as_posix(), match.group()


def test_no_template_writes_a_rule_figure():
    found = set(_template_figures())
    assert found - NOT_RULE_FIGURES == set()
    # Each exception is still there, so the list stays short and true.
    assert found >= NOT_RULE_FIGURES


def test_no_string_in_the_apps_code_writes_a_rule_figure():
    figures = set(_code_figures())
    assert {(path, figure) for path, figure in figures if figure not in INPUT_BOUNDS} == set()
    assert {figure for _path, figure in figures} >= INPUT_BOUNDS


def test_the_scan_finds_a_figure_written_into_a_template():
    assert FIGURE.search('{{ _("A 20%% fee on top") }}')
    assert FIGURE.search("up to £1 each time").group() == "£1"
    assert FIGURE.search("must be £1.00 or less").group() == "£1.00"
    assert FIGURE.search("25 per cent") and not FIGURE.search("%(percent)s%%")
    assert not FIGURE.search(JINJA_TAGS.sub(" ", "{% if still_due > 0 %}yes{% endif %}"))


@pytest.fixture
def collection_fees_of_15_and_3(monkeypatch):
    schedule = dataclasses.replace(
        fees.COLLECTION_FEES_2014,
        paying_parent_rate=Decimal("0.15"),
        receiving_parent_rate=Decimal("0.03"),
    )
    monkeypatch.setattr(
        fees, "COLLECTION_FEE_SCHEDULES", DatedTable("collection fee schedule", [schedule])
    )


def _text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix,says",
    [
        ("", "the paying parent pays a 15% fee on top and the receiving parent has 3% taken"),
        ("/cy", "mae’r rhiant sy’n talu yn talu ffi o 15% ar ben hynny ac mae 3% yn cael"),
    ],
)
def test_the_help_page_states_the_fees_in_the_table(
    client, prefix, says, collection_fees_of_15_and_3
):
    text = _text(client.get(f"{prefix}/help/"))
    assert says in text
    assert "20%" not in text


def test_the_help_page_states_todays_fees_from_the_table(client, db):
    schedule = fees.collection_fee_rates(date.today())
    text = _text(client.get("/help/"))
    assert f"pays a {percent(schedule.paying_parent_rate)} fee on top" in text
    assert f"has {percent(schedule.receiving_parent_rate)} taken" in text


@pytest.fixture
def parent(make_case, make_user, signed_in_client, reauthenticate):
    case = make_case(service_type="direct_pay", paying_user=make_user(full_name="Pat Paying"))
    user = case.parties.get(role="paying").user
    return case, reauthenticate(signed_in_client(user))


def test_the_change_pages_state_the_fees_and_threshold_from_their_tables(
    parent, collection_fees_of_15_and_3, monkeypatch
):
    case, client = parent
    url = reverse("cases:change_form", kwargs={"reference": case.reference, "kind": "service_type"})
    text = _text(client.get(url))
    assert "15% is added to what the paying parent pays and 3% is taken" in text
    url = reverse("cases:change_form", kwargs={"reference": case.reference, "kind": "income"})
    threshold = percent(case_rules.income_change_threshold(date.today()))
    assert threshold == "25%"
    assert f"when your income changes by {threshold} or more" in _text(client.get(url))
    thirty = case_rules.IncomeChangeThreshold(date(2012, 12, 10), Decimal("0.30"))
    monkeypatch.setattr(
        case_rules, "INCOME_CHANGE_THRESHOLDS", DatedTable("income change threshold", [thirty])
    )
    assert "when your income changes by 30% or more" in _text(client.get(url))


def test_the_change_figures_follow_the_tables(collection_fees_of_15_and_3, monkeypatch):
    from cases.presenters.changes import rule_figures

    fine = case_rules.FalseInformationFine(date(2012, 12, 10), Decimal("2500.00"))
    monkeypatch.setattr(
        case_rules, "FALSE_INFORMATION_FINES", DatedTable("false information fine", [fine])
    )
    assert rule_figures(date(2026, 1, 5)) == {
        "paying_fee": "15%",
        "receiving_fee": "3%",
        "income_change_threshold": "25%",
        "false_information_fine": "£2,500",
    }


@pytest.mark.parametrize(
    "code,status", [("below_threshold", "closed"), ("income_new_decision", "new_decision")]
)
def test_the_change_outcome_states_the_threshold_from_the_rules(code, status, monkeypatch):
    from types import SimpleNamespace

    from cases.presenters import changes

    thirty = case_rules.IncomeChangeThreshold(date(2012, 12, 10), Decimal("0.30"))
    monkeypatch.setattr(
        case_rules, "INCOME_CHANGE_THRESHOLDS", DatedTable("income change threshold", [thirty])
    )
    report = SimpleNamespace(
        outcome=code,
        outcome_details={"new_income": "510.00", "decision_income": "500.00", "percent": "2.0"},
        status=status,
        decision_id=None,
        caseworker_notes="",
        reported_at=timezone.now(),
    )
    with translation.override("en"):
        text = " ".join(changes.outcome(report)["paragraphs"])
    assert "30% or more" in text and "25%" not in text


@pytest.fixture
def deduction_rules_with_a_higher_fee(monkeypatch):
    current = employer_rules.DEDUCTION_RULES.in_force_entries[-1]
    changed = dataclasses.replace(current, maximum_admin_fee=Decimal("1.50"))
    monkeypatch.setattr(
        employer_rules,
        "DEDUCTION_RULES",
        DatedTable("deduction from earnings rules", [changed]),
    )


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_return_page_states_the_orders_proportion_and_the_tables_fee(
    prefix, employer, employer_admin, employer_client, make_order, deduction_rules_with_a_higher_fee
):
    order = make_order(employer)
    order.protected_earnings_proportion = Decimal("0.55")
    order.save(update_fields=["protected_earnings_proportion"])
    client = employer_client(employer_admin)
    url = reverse("employers:report_return", kwargs={"reference": order.reference})
    text = _text(client.get(prefix + url))
    assert "55%" in text and "60%" not in text
    assert "£1.50" in text and "£1 " not in text


def test_an_order_snapshots_the_proportion_in_the_table(
    employer, make_order, monkeypatch, deduction_rules_with_a_higher_fee
):
    from employers.models import DeductionOrder
    from employers.models.order import protected_earnings_proportion_in_force

    current = employer_rules.DEDUCTION_RULES.in_force_entries[-1]
    changed = dataclasses.replace(current, protected_earnings_proportion=Decimal("0.65"))
    monkeypatch.setattr(
        employer_rules, "DEDUCTION_RULES", DatedTable("deduction from earnings rules", [changed])
    )
    assert protected_earnings_proportion_in_force() == Decimal("0.65")
    assert make_order(employer).protected_earnings_proportion == Decimal("0.65")
    field = DeductionOrder._meta.get_field("protected_earnings_proportion")
    assert field.default is protected_earnings_proportion_in_force


def test_the_admin_fee_limit_in_messages_and_forms_follows_the_table(
    deduction_rules_with_a_higher_fee,
):
    from employers.forms import ReturnForm
    from employers.presenters.rules import ADMIN_FEE_COLUMN, ADMIN_FEE_TOO_HIGH

    with translation.override("en"):
        assert str(ADMIN_FEE_TOO_HIGH) == "The admin fee must be £1.50 or less"
        assert "from 0 to 1.50." in str(ADMIN_FEE_COLUMN)
        field = ReturnForm.base_fields["admin_fee"]
        assert field.clean("1.40") == Decimal("1.40")
        with pytest.raises(ValidationError) as error:
            field.clean("1.60")
        assert error.value.messages == ["The admin fee must be £1.50 or less"]
    with translation.override("cy"):
        assert str(ADMIN_FEE_TOO_HIGH) == "Rhaid i’r ffi weinyddol fod yn £1.50 neu lai"
