"""Problems in an uploaded file, as a table and as the error summary's first lines."""

from django.utils.translation import gettext as _

from .common import numeric

# The error summary lists the first few; the table below it lists all that were kept.
SUMMARY_PROBLEMS = 10


def problem_text(problem):
    if problem.column:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": problem.row,
            "column": problem.column,
            "message": problem.message,
        }
    return _("Row %(row)s: %(message)s") % {"row": problem.row, "message": problem.message}


def problem_summary_items(problems, anchor):
    shown = problems.sorted()
    items = [
        {"text": problem_text(problem), "href": anchor} for problem in shown[:SUMMARY_PROBLEMS]
    ]
    if problems.total > SUMMARY_PROBLEMS:
        items.append(
            {
                "text": _("There are %(count)s more problems in the table below")
                % {"count": f"{problems.total - SUMMARY_PROBLEMS:,}"},
                "href": "#problems",
            }
        )
    return items


def problem_table_rows(problems):
    return [
        [
            numeric({"text": str(problem.row)}),
            {"text": problem.column or "–"},
            {"text": problem.message},
        ]
        for problem in problems.sorted()
    ]


def problem_table_head():
    return [numeric({"text": _("Row")}), {"text": _("Column")}, {"text": _("Problem")}]


def column_table_rows(columns):
    return [
        [
            {"text": column.name},
            {"text": _("Required") if column.required else _("Optional")},
            {"text": str(column.description)},
            {"text": column.example},
        ]
        for column in columns
    ]


def column_table_head():
    return [
        {"text": _("Column")},
        {"text": _("Required or optional")},
        {"text": _("What to put in it")},
        {"text": _("Example")},
    ]
