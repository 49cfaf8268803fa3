"""What each kind of problem in an uploaded file says, in the GOV.UK error style."""

from django.utils.translation import gettext_lazy as _

from ..presenters.rules import ADMIN_FEE_TOO_HIGH

CELL_MESSAGES = {
    ("order_reference", "blank"): _("Enter the order reference"),
    ("order_reference", "invalid"): _("The order reference must be 12 digits, like 129000000001"),
    ("order_reference", "spreadsheet_number"): _(
        "A spreadsheet has turned the order reference into a number. Format the column as text "
        "and export the file again"
    ),
    ("payroll_number", "blank"): _("Enter the payroll number"),
    ("payroll_number", "too_long"): _("The payroll number must be 40 characters or fewer"),
    ("pay_date", "blank"): _("Enter the pay date"),
    ("pay_date", "invalid"): _("Enter the pay date as YYYY-MM-DD or DD/MM/YYYY, like 2026-03-27"),
    ("net_earnings", "blank"): _("Enter net earnings"),
    ("net_earnings", "negative"): _("Net earnings must be 0 or more"),
    ("net_earnings", "too_precise"): _("Net earnings must have no more than 2 decimal places"),
    ("net_earnings", "too_large"): _("Net earnings must be less than £10,000,000,000"),
    ("net_earnings", "invalid"): _("Enter net earnings as an amount in pounds, like 1450.00"),
    ("admin_fee", "negative"): _("The admin fee must be 0 or more"),
    ("admin_fee", "too_precise"): _("The admin fee must have no more than 2 decimal places"),
    ("admin_fee", "too_large"): ADMIN_FEE_TOO_HIGH,
    ("admin_fee", "invalid"): _("Enter the admin fee as an amount in pounds, like 1.00"),
    ("amount_deducted", "negative"): _("The amount deducted must be 0 or more"),
    ("amount_deducted", "too_precise"): _(
        "The amount deducted must have no more than 2 decimal places"
    ),
    ("amount_deducted", "too_large"): _("The amount deducted must be less than £10,000,000,000"),
    ("amount_deducted", "invalid"): _(
        "Enter the amount deducted as an amount in pounds, like 150.00"
    ),
    ("employee_name", "too_long"): _("The employee name must be 200 characters or fewer"),
}

FORMULA = _("Remove the formula. A cell must not start with =, +, - or @")
TOO_MANY_CELLS = _("This row has more cells than there are columns")
UNREADABLE_ROW = _("This row cannot be read. Check its quotation marks")
MISSING_COLUMN = _("The file has no ‘%(column)s’ column. The first row must name the columns")
UNKNOWN_COLUMN = _(
    "‘%(column)s’ is not a column we recognise. Use the column names in the template"
)
EMPTY_COLUMN_NAME = _("Column %(position)s has no name. Remove it or name it as in the template")
DUPLICATE_COLUMN = _("The ‘%(column)s’ column appears more than once")
NO_ROWS = _("The file has no rows of deductions under the column names")
