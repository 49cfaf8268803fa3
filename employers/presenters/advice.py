"""The remittance advice for an employer's payment, as CSV and as PDF: who paid, for
which month, how much, and each order's share, in the reader's language. The PDF is
drawn with reportlab in a Unicode font (Welsh needs ŵ and ŷ), so its text can be read
and searched."""

import csv
import io
from pathlib import Path

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .payments import month_name

# DejaVu Sans (Debian fonts-dejavu-core) covers Welsh; reportlab's own Vera is the fallback.
FONT_PATHS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
FONT_NAME = "AdviceSans"


def advice_summary(remittance, still_due):
    return [
        (_("Employer"), f"{remittance.employer.name} ({remittance.employer.reference})"),
        (_("Month of deductions"), month_name(remittance.month)),
        (_("Amount paid"), money(remittance.amount)),
        (_("Date paid"), govuk_date(remittance.paid_on)),
        (_("How you paid"), remittance.get_method_display()),
        (_("Your reference"), remittance.payment_reference or "–"),
        (_("Due by"), govuk_date(remittance.due_on)),
        (_("Still to pay for this month"), money(still_due)),
    ]


def advice_lines(allocations):
    head = [_("Employee"), _("Payroll number"), _("Order reference"), _("Amount")]
    rows = [
        [
            item.order.employee.full_name,
            item.order.payroll_number,
            item.order.reference,
            money(item.amount),
        ]
        for item in allocations
    ]
    return head, rows


def _safe_cell(text):
    # A spreadsheet would run a cell starting with these as a formula.
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def advice_csv(remittance, allocations, still_due):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Remittance advice")])
    for key, value in advice_summary(remittance, still_due):
        writer.writerow([key, _safe_cell(value)])
    writer.writerow([])
    head, rows = advice_lines(allocations)
    writer.writerow(head)
    writer.writerows([[_safe_cell(cell) for cell in row] for row in rows])
    return "\ufeff" + buffer.getvalue()


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_PATHS if p.exists()), None)
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path) if path else "Vera.ttf"))
    return FONT_NAME


def advice_pdf(remittance, allocations, still_due):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    title = _("Remittance advice")
    heading = ParagraphStyle("heading", fontName=font, fontSize=18, leading=22, spaceAfter=6 * mm)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=str(title),
        author=remittance.employer.name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 10),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ]
    )
    summary = Table(
        [[key, value] for key, value in advice_summary(remittance, still_due)],
        colWidths=[60 * mm, 110 * mm],
        style=grid,
    )
    head, rows = advice_lines(allocations)
    lines = Table(
        [head, *rows],
        colWidths=[55 * mm, 35 * mm, 45 * mm, 35 * mm],
        repeatRows=1,
        style=TableStyle(
            [
                *grid.getCommands(),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
            ]
        ),
    )
    document.build(
        [
            Paragraph(str(title), heading),
            summary,
            Spacer(1, 8 * mm),
            Paragraph(_("How the payment was shared between orders"), body),
            Spacer(1, 3 * mm),
            lines,
        ]
    )
    return buffer.getvalue()
