"""Valid answers for each change journey, for a case made by `make_case`."""

from datetime import date, timedelta

YESTERDAY = date.today() - timedelta(days=1)


def date_fields(name, value):
    return {
        f"{name}-day": str(value.day),
        f"{name}-month": str(value.month),
        f"{name}-year": str(value.year),
    }


def valid_answers(kind, case):
    child = str(case.children.first().public_id)
    return {
        "income": {"amount": "£1,250.00", "period": "week", **date_fields("changed_on", YESTERDAY)},
        "other_children": {"count": "2", **date_fields("changed_on", YESTERDAY)},
        "shared_care": {"child": child, "nights": "104", **date_fields("changed_on", YESTERDAY)},
        "child_leaving": {
            "child": child,
            "reason": "left_education",
            **date_fields("left_on", YESTERDAY),
        },
        "address": {
            "address_line_1": "1 New Street",
            "address_line_2": "",
            "town": "Leeds",
            "postcode": "ls11ab",
            **date_fields("moved_on", YESTERDAY),
        },
        "phone": {"phone": "07700 900 982"},
        "email": {"email": "new.address@example.test"},
        "bank_details": {
            "bank_account_name": "A Parent",
            "bank_sort_code": "30-94-30",
            "bank_account_number": "733445",
        },
        "service_type": {"reason": ""},
        "extra_payment": {"amount": "40", "note": "Birthday", **date_fields("paid_on", YESTERDAY)},
    }[kind]


PAYING_KINDS = [
    "income",
    "other_children",
    "shared_care",
    "child_leaving",
    "address",
    "phone",
    "email",
    "bank_details",
    "service_type",
    "extra_payment",
]
RECEIVING_KINDS = [
    "shared_care",
    "child_leaving",
    "address",
    "phone",
    "email",
    "bank_details",
    "service_type",
    "extra_payment",
]
