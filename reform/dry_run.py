"""What the reform would do on a commencement date, read in a few set-based queries and
written nowhere: the Direct Pay cases that would move, the collection fees a year before
and after for each group of cases, and the notices the move would send.

Fees a year are worked out from the weekly amounts of the schedules in force (weekly x 52
x rate, to the penny): a close estimate of what the per-instalment fees add up to. A
paying parent's group follows their account today: in arrears (calculation.fees.
paying_parent_complies) pays the reform's higher rate; a moved Direct Pay case starts with
no collected arrears, so up to date."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from calculation.fees import COLLECTION_FEE_SCHEDULES, collection_fee_schedules_from, fee_on
from cases.models import CaseStatus, Party
from cms_portal.core.choices import ServiceType
from payments.models import Account, AccountRole, ArrearsStatus, Instalment, ScheduleShare

from .services import direct_pay_cases

WEEKS_A_YEAR = 52
ZERO = Decimal("0.00")


@dataclass
class FeeGroup:
    name: str
    cases: int
    receiving_parents: int
    maintenance_a_year: Decimal
    paying_fees_now: Decimal
    paying_fees_after: Decimal
    receiving_fees_now: Decimal
    receiving_fees_after: Decimal


@dataclass
class DryRunReport:
    commencement: object
    cases_moving: int = 0
    moving_without_schedule: int = 0
    instalments_to_collect: int = 0
    groups: list[FeeGroup] = field(default_factory=list)
    # (role, language) -> emails to send; parties with no email address need a letter.
    notices: dict[tuple[str, str], int] = field(default_factory=dict)
    without_email: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def totals(self):
        def total(name):
            return sum((getattr(group, name) for group in self.groups), start=ZERO)

        return {
            name: total(name)
            for name in (
                "maintenance_a_year",
                "paying_fees_now",
                "paying_fees_after",
                "receiving_fees_now",
                "receiving_fees_after",
            )
        }


def _group_name(service_type, in_arrears):
    if service_type == ServiceType.DIRECT_PAY:
        return "Direct Pay, moving to collection"
    if in_arrears:
        return "Collect and Pay, paying parent in arrears"
    return "Collect and Pay, paying parent up to date"


def dry_run(commencement):
    """The report for `commencement`. Reads only."""
    # Checked first: a date before today's schedule started is refused (ValueError).
    after = collection_fee_schedules_from(commencement).on(commencement)
    now = COLLECTION_FEE_SCHEDULES.on(commencement - timedelta(days=1))
    moving = direct_pay_cases()
    report = DryRunReport(commencement=commencement)
    in_force = Q(schedule__ends_on__isnull=True) | Q(schedule__ends_on__gte=commencement)
    shares = (
        ScheduleShare.objects.filter(in_force, schedule__case__status=CaseStatus.OPEN)
        .annotate(
            in_arrears=Exists(
                Account.objects.filter(
                    case_id=OuterRef("schedule__case_id"),
                    role=AccountRole.PAYING,
                    arrears_status=ArrearsStatus.IN_ARREARS,
                )
            )
        )
        .values("schedule__case__service_type", "in_arrears")
        .annotate(
            weekly=Sum("weekly_amount"),
            cases=Count("schedule__case_id", distinct=True),
            receiving=Count("receiving_party_id", distinct=True),
        )
        .order_by("schedule__case__service_type", "in_arrears")
    )
    cases_with_schedule = 0
    for row in shares:
        service_type, in_arrears = row["schedule__case__service_type"], row["in_arrears"]
        yearly = row["weekly"] * WEEKS_A_YEAR
        collected_now = service_type == ServiceType.COLLECT_AND_PAY
        # Moved cases start with no arrears in collection, so at the lower rate.
        complies = not in_arrears or not collected_now
        if not collected_now:
            cases_with_schedule += row["cases"]
        report.groups.append(
            FeeGroup(
                name=_group_name(service_type, in_arrears),
                cases=row["cases"],
                receiving_parents=row["receiving"],
                maintenance_a_year=fee_on(yearly, Decimal(1)),
                paying_fees_now=fee_on(yearly, now.paying_parent_rate) if collected_now else ZERO,
                paying_fees_after=fee_on(yearly, after.paying_parent_rate_for(compliant=complies)),
                receiving_fees_now=(
                    fee_on(yearly, now.receiving_parent_rate) if collected_now else ZERO
                ),
                receiving_fees_after=fee_on(yearly, after.receiving_parent_rate),
            )
        )
    report.cases_moving = moving.count()
    report.moving_without_schedule = report.cases_moving - cases_with_schedule
    report.instalments_to_collect = Instalment.objects.filter(
        case__in=moving, collect_and_pay=False, due_date__gte=commencement
    ).count()
    has_email = Q(email__gt="") | Q(user__email__gt="")
    for row in (
        Party.objects.filter(case__in=moving)
        .values("role", "preferred_language")
        .annotate(with_email=Count("id", filter=has_email), without=Count("id", filter=~has_email))
        .order_by("role", "preferred_language")
    ):
        key = (row["role"], row["preferred_language"] or "en")
        report.notices[key] = report.notices.get(key, 0) + row["with_email"]
        report.without_email[key] = report.without_email.get(key, 0) + row["without"]
    return report


def format_report(report):
    """The report as plain text lines."""
    lines = [
        f"Reform dry run for commencement on {report.commencement.isoformat()} "
        "(nothing has been changed)",
        "",
        f"Direct Pay cases that would move to collection: {report.cases_moving:,}",
        f"  of which with no payment schedule yet: {report.moving_without_schedule:,}",
        f"Direct Pay instalments due from that date that would be collected: "
        f"{report.instalments_to_collect:,}",
        "",
        "Collection fees a year (from the weekly amounts in force):",
    ]
    header = (
        f"  {'group':<44}{'cases':>9}{'maintenance':>18}{'paying now':>16}"
        f"{'paying after':>16}{'receiving now':>16}{'receiving after':>18}"
    )
    lines.append(header)
    for group in report.groups:
        lines.append(_fee_line(group.name, group.cases, vars(group)))
    totals = report.totals
    lines.append(_fee_line("total", sum(group.cases for group in report.groups), totals))
    lines += ["", "Notices to send (emails, by role and language):"]
    for (role, language), count in sorted(report.notices.items()):
        missing = report.without_email.get((role, language), 0)
        lines.append(f"  {role:<10} {language:<3} {count:>9,}  (no email address: {missing:,})")
    lines.append(f"  total          {sum(report.notices.values()):>9,}")
    return lines


def _fee_line(name, cases, figures):
    return (
        f"  {name:<44}{cases:>9,}{_pounds(figures['maintenance_a_year']):>18}"
        f"{_pounds(figures['paying_fees_now']):>16}{_pounds(figures['paying_fees_after']):>16}"
        f"{_pounds(figures['receiving_fees_now']):>16}"
        f"{_pounds(figures['receiving_fees_after']):>18}"
    )


def _pounds(amount):
    return f"£{amount:,.2f}"
