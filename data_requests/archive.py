"""The ZIP a parent downloads: README.txt in their language, your-data.json, one CSV per
table and the files they sent or received. Built from `export.Export`."""

import csv
import io
import json
import re
import tempfile
import zipfile

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from payments.presenters.statement import FORMULA_STARTS

from .export import TABLES

JSON_NAME = "your-data.json"
README_NAME = "README.txt"
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")

DESCRIPTIONS = {
    "profile": _("The details we hold about you in each case."),
    "cases": _("Your cases: your role, how child maintenance is paid and how often."),
    "people": _("The other people in your cases, as your case page shows them."),
    "children": _("The children in your cases, as your case page shows them."),
    "decisions": _("Every decision on your cases and the amounts for you."),
    "decision_figures": _("The figures each decision used."),
    "decision_explanations": _("How we worked out each decision, step by step."),
    "payment_schedule": _("Payments due next and how past payments went."),
    "statement": _("Your payment history: money due, paid and passed on."),
    "messages": _("Your messages with us."),
    "attachments": _("The files you sent us or we sent you."),
    "change_reports": _("The changes you told us about and what we did."),
    "arrears_plan_requests": _("The plans you suggested to pay your arrears and what we decided."),
    "arrears_plan": _("Your plan to pay your arrears and how far it has got."),
    "complaints": _("Your complaints, what you told us and the dates we work to."),
    "complaint_answers": _("Our answers to your complaints."),
    "activity": _("A record of what you did in your account and what we did about you."),
}


def csv_name(table):
    return f"csv/{table.replace('_', '-')}.csv"


def write_archive(export, *, expires_on, prepared_on):
    """A temporary file holding the ZIP. Call with the reader's language active."""
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (returned open)
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            README_NAME,
            render_to_string(
                "data_requests/readme.txt",
                {
                    "tables": [(csv_name(name), DESCRIPTIONS[name]) for name in TABLES],
                    "json_name": JSON_NAME,
                    "has_files": bool(export.files),
                    "prepared_on": prepared_on,
                    "expires_on": expires_on,
                },
            ),
        )
        archive.writestr(JSON_NAME, json.dumps(_document(export), ensure_ascii=False, indent=2))
        for name, columns in TABLES.items():
            archive.writestr(csv_name(name), _csv_text(columns, export.tables[name]))
        for included in export.files:
            with included.attachment.file.open("rb") as source:
                archive.writestr(included.path, source.read())
    spooled.seek(0)
    return spooled


def _document(export):
    """The JSON: the tables as they are, with each decision carrying its figures and the
    steps of how it was worked out."""
    tables = dict(export.tables)
    figures = tables.pop("decision_figures")
    steps = tables.pop("decision_explanations")
    decisions = []
    for decision in tables.pop("decisions"):
        key = decision["decision_id"]
        decisions.append(
            {
                **decision,
                "figures": [
                    {"figure": row["figure"], "value": row["value"]}
                    for row in figures
                    if row["decision_id"] == key
                ],
                "explanation": [row["explanation"] for row in steps if row["decision_id"] == key],
            }
        )
    return {"account": export.account, **tables, "decisions": decisions}


def _safe_cell(value):
    text = str(value)
    if PLAIN_NUMBER.fullmatch(text):
        return text
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_text(columns, rows):
    """UTF-8 with a byte order mark, so spreadsheet programs read Welsh letters."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_safe_cell(heading) for _key, heading in columns])
    for row in rows:
        writer.writerow([_safe_cell(row.get(key, "")) for key, _heading in columns])
    return "\ufeff" + out.getvalue()
