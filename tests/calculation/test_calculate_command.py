"""The `calculate` management command and the request checks behind it."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from calculation.engine import CalculationInput
from calculation.requests import calculate_request, load_requests

ROOT = Path(__file__).resolve().parents[2]


def request(**changes):
    data = {
        "effective_date": "2024-04-01",
        "gross_weekly_income": "850.00",
        "benefit": "none",
        "relevant_other_children": 1,
        "service_type": "direct_pay",
        "receiving_parents": [
            {"children": [{"shared_care_nights": 160}, {"shared_care_nights": 170}]}
        ],
    }
    data.update(changes)
    return data


def run_command(text):
    out = io.StringIO()
    call_command("calculate", stdin=io.StringIO(text), stdout=out)
    return json.loads(out.getvalue())


def test_results_come_back_in_request_order():
    requests = [
        request(),
        request(
            gross_weekly_income="300.00",
            relevant_other_children=0,
            receiving_parents=[{"children": [{"shared_care_nights": 0}]}],
        ),
        request(gross_weekly_income="-1.00"),
        request(
            gross_weekly_income="150.00",
            service_type="collect_and_pay",
            receiving_parents=[{"children": [{"shared_care_nights": 0}] * 2}],
        ),
    ]
    results = run_command(json.dumps(requests))
    assert [result.get("weekly_amount") for result in results] == ["69.17", "36.00", None, "17.60"]
    assert results[0]["rate_type"] == "basic"
    assert results[0]["receiving_parents"] == [{"weekly_amount": "69.17"}]
    assert "collection_fees" not in results[0]
    assert results[0]["explanation"][1] == "Your gross weekly income is £850.00."
    assert results[2] == {
        "error": {"field": "gross_weekly_income", "message": "must not be negative"}
    }
    assert results[3]["collection_fees"] == {
        "paying_parent_weekly_fee": "3.52",
        "paying_parent_weekly_total": "21.12",
        "receiving_parent_weekly_fee": "0.70",
        "receiving_parent_weekly_net": "16.90",
    }


def test_several_receiving_parents_in_request_order():
    result = calculate_request(
        request(
            receiving_parents=[
                {"children": [{"shared_care_nights": 0}]},
                {"children": [{"shared_care_nights": 200}, {"shared_care_nights": 0}]},
            ]
        )
    )
    assert result["receiving_parents"] == [{"weekly_amount": "47.91"}, {"weekly_amount": "64.87"}]
    assert result["weekly_amount"] == "112.78"


def test_benefit_decides_with_null_income():
    no_shared_care = [{"children": [{"shared_care_nights": 0}]}]
    result = calculate_request(
        request(
            gross_weekly_income=None, benefit="flat_rate_benefit", receiving_parents=no_shared_care
        )
    )
    assert (result["rate_type"], result["weekly_amount"]) == ("flat", "7.00")
    # 52 nights or more makes the flat rate from a benefit nil for that receiving parent.
    result = calculate_request(request(gross_weekly_income=None, benefit="flat_rate_benefit"))
    assert (result["rate_type"], result["weekly_amount"]) == ("flat", "0.00")
    result = calculate_request(request(gross_weekly_income=None, benefit="nil_rate"))
    assert (result["rate_type"], result["weekly_amount"]) == ("nil", "0.00")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gross_weekly_income": "-5.00"}, "gross_weekly_income", "must not be negative"),
        ({"gross_weekly_income": 850.5}, "gross_weekly_income", "must be a string"),
        ({"gross_weekly_income": 850}, "gross_weekly_income", "must be a string"),
        ({"gross_weekly_income": "850.005"}, "gross_weekly_income", "at most 2 decimal places"),
        ({"gross_weekly_income": "£850"}, "gross_weekly_income", "pounds and pence"),
        ({"gross_weekly_income": "NaN"}, "gross_weekly_income", "pounds and pence"),
        ({"gross_weekly_income": "1e3"}, "gross_weekly_income", "pounds and pence"),
        ({"gross_weekly_income": None}, "gross_weekly_income", "is required unless benefit"),
        ({"gross_weekly_income": True}, "gross_weekly_income", "not a JSON boolean"),
        ({"effective_date": "2013-11-24"}, "effective_date", "start on 2013-11-25"),
        ({"effective_date": "2024-02-30"}, "effective_date", "not a real date"),
        ({"effective_date": "1 April 2024"}, "effective_date", "YYYY-MM-DD"),
        ({"effective_date": 20240401}, "effective_date", "YYYY-MM-DD"),
        ({"benefit": "jsa"}, "benefit", "must be one of none, flat_rate_benefit, nil_rate"),
        ({"service_type": "both"}, "service_type", "must be one of direct_pay, collect_and_pay"),
        ({"relevant_other_children": True}, "relevant_other_children", "whole number"),
        ({"relevant_other_children": 1.0}, "relevant_other_children", "whole number"),
        ({"relevant_other_children": "1"}, "relevant_other_children", "whole number"),
        ({"relevant_other_children": -1}, "relevant_other_children", "0 or more"),
        ({"relevant_other_children": 51}, "relevant_other_children", "50 or fewer"),
        ({"receiving_parents": []}, "receiving_parents", "at least one receiving parent"),
        ({"receiving_parents": {}}, "receiving_parents", "must be a JSON array"),
        (
            {"receiving_parents": [{"children": []}]},
            "receiving_parents[0].children",
            "at least one child",
        ),
        ({"receiving_parents": [{}]}, "receiving_parents[0].children", "is required"),
        (
            {"receiving_parents": [{"children": [{"shared_care_nights": 0}] * 21}]},
            "receiving_parents[0].children",
            "no more than 20 children",
        ),
        (
            {"receiving_parents": [{"children": [{"shared_care_nights": 0}]}, "x"]},
            "receiving_parents[1]",
            "must be a JSON object",
        ),
        (
            {"receiving_parents": [{"children": [{"shared_care_nights": 366}]}]},
            "receiving_parents[0].children[0].shared_care_nights",
            "365 or fewer",
        ),
        (
            {"receiving_parents": [{"children": [{"shared_care_nights": -1}]}]},
            "receiving_parents[0].children[0].shared_care_nights",
            "0 or more",
        ),
        (
            {"receiving_parents": [{"children": [{"shared_care_nights": False}]}]},
            "receiving_parents[0].children[0].shared_care_nights",
            "whole number",
        ),
        (
            {"receiving_parents": [{"children": [{"nights": 3}]}]},
            "receiving_parents[0].children[0].nights",
            "is not a known field",
        ),
        ({"colour": "blue"}, "colour", "is not a known field"),
    ],
)
def test_bad_requests_name_the_field(changes, field, message):
    result = calculate_request(request(**changes))
    assert result["error"]["field"] == field
    assert message in result["error"]["message"]


@pytest.mark.parametrize(
    "missing",
    [
        "effective_date",
        "gross_weekly_income",
        "benefit",
        "relevant_other_children",
        "service_type",
        "receiving_parents",
    ],
)
def test_missing_fields(missing):
    data = request()
    del data[missing]
    assert calculate_request(data) == {"error": {"field": missing, "message": "is required"}}


def test_a_request_that_is_not_an_object():
    assert calculate_request([1]) == {
        "error": {"field": None, "message": "must be a JSON object, not a JSON array"}
    }


def test_one_bad_request_does_not_stop_the_rest():
    results = run_command(json.dumps([request(benefit="?"), request(), 3]))
    assert "error" in results[0]
    assert results[1]["weekly_amount"] == "69.17"
    assert results[2]["error"]["field"] is None


def test_an_empty_array_gives_an_empty_array():
    assert run_command("[]") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"effective_date": "2024-04-01"}', "must be a JSON array of requests, not a JSON object"),
        ("7", "not a JSON number"),
    ],
)
def test_malformed_input_is_a_command_error_with_status_2(text, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("calculate", stdin=io.StringIO(text), stdout=io.StringIO())
    assert raised.value.returncode == 2


def test_exit_status_2_and_stderr_from_the_command_line():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms_portal.settings.test"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "calculate"],
        input="not json",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert "not valid JSON" in completed.stderr
    assert completed.stdout == ""


def test_load_requests_reads_numbers_as_decimals_never_floats():
    assert load_requests('[{"a": 1.5}]') == [{"a": Decimal("1.5")}]


def test_input_from_dict_round_trip_and_errors():
    calculation_input = CalculationInput.from_dict(request())
    assert CalculationInput.from_dict(calculation_input.to_dict()) == calculation_input
    with pytest.raises(ValueError, match="shared_care_nights"):
        CalculationInput.from_dict(
            request(receiving_parents=[{"children": [{"shared_care_nights": 400}]}])
        )


def variation(**changes):
    data = {
        "ground": "contact_costs",
        "weekly_amount": "15.00",
        "in_force_from": "2024-01-01",
        "in_force_to": None,
    }
    data.update(changes)
    return data


def test_the_command_applies_variations():
    plain = request(
        gross_weekly_income="300.00",
        relevant_other_children=0,
        receiving_parents=[{"children": [{"shared_care_nights": 0}]}],
    )
    results = run_command(
        json.dumps(
            [
                plain,
                {**plain, "variations": [variation()]},
                {
                    **plain,
                    "variations": [
                        variation(),
                        variation(ground="unearned_income", weekly_amount="47.95"),
                    ],
                },
                {**plain, "variations": [variation(in_force_to="2024-03-31")]},
                {**plain, "variations": []},
            ]
        )
    )
    assert [result["weekly_amount"] for result in results] == [
        "36.00",
        "34.20",
        "39.95",
        "36.00",
        "36.00",
    ]
    assert results[1]["explanation"][2] == (
        "We took £15.00 a week off your income for the "
        "costs of keeping in contact with your children."
    )


@pytest.mark.parametrize(
    ("variations", "field", "message"),
    [
        ("contact", "variations", "must be a JSON array, not a JSON string"),
        ([variation(), "x"], "variations[1]", "must be a JSON object, not a JSON string"),
        ([variation(ground="holiday")], "variations[0].ground", "must be one of contact_costs"),
        (
            [variation(weekly_amount=15)],
            "variations[0].weekly_amount",
            "must be a string of pounds and pence",
        ),
        (
            [variation(weekly_amount="0.00")],
            "variations[0].weekly_amount",
            "must be more than zero",
        ),
        ([variation(weekly_amount="-1")], "variations[0].weekly_amount", "must not be negative"),
        (
            [variation(in_force_from="2024-02-30")],
            "variations[0].in_force_from",
            "2024-02-30 is not a real date",
        ),
        (
            [variation(in_force_to="2023-12-31")],
            "variations[0].in_force_to",
            "must not be before in_force_from",
        ),
        ([variation(colour="red")], "variations[0].colour", "is not a known field"),
        (
            [{"ground": "contact_costs", "weekly_amount": "15.00", "in_force_from": "2024-01-01"}],
            "variations[0].in_force_to",
            "is required",
        ),
        (
            [variation(ground="income_while_on_benefit")],
            "variations[0].ground",
            "income_while_on_benefit needs a benefit",
        ),
        ([variation()] * 21, "variations", "must list no more than 20 variations"),
    ],
)
def test_bad_variations_name_the_item_and_field(variations, field, message):
    results = run_command(json.dumps([request(variations=variations), request()]))
    assert results[0]["error"]["field"] == field
    assert results[0]["error"]["message"].startswith(message)
    assert results[1]["weekly_amount"] == "69.17"
