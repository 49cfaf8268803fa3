"""The employers app's side of payments' employer money (see payments.employer_money):
which cases an employer pays through a deduction order, employers' payments waiting for
bank money, and what the case page shows of deductions. Registered from
EmployersConfig.ready."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, Sum

from payments.models import Obligation, ObligationKind
from payments.services.missed import clearing_days

from .deadlines import following_month, latest_month_due
from .models import DeductionOrder, EndReason, OrderStatus, Remittance, RemittanceAllocation


class EmployerMoney:
    def paid_by_employer(self):
        """An instalment the employer pays: the case has an active order, or one that
        ended on or after the instalment's due date (a leaver's last pay, a case closing),
        whose last deductions are still paid by the usual deadline. An order for someone
        who never worked there took nothing."""
        ended_after_due = Q(status=OrderStatus.ENDED, ended_on__gte=OuterRef("due_date")) & ~Q(
            end_reason=EndReason.NOT_EMPLOYEE
        )
        return Exists(
            DeductionOrder.objects.filter(case_id=OuterRef("case_id")).filter(
                Q(status=OrderStatus.ACTIVE) | ended_after_due
            )
        )

    def employer_cutoff(self, cutoff):
        return following_month(latest_month_due(cutoff)) - timedelta(days=1)

    def leave_out_employers_money(self, unpaid, on_date, cutoff):
        """Drop from `unpaid` (ordered oldest first) the instalments the employer's money
        covers: payments still in clearing, and money the ledger gave to instalments the
        employer is not yet due to pay for (the statutory order pays current maintenance
        first, so a month's deductions arriving after the next instalment is due land on
        that instalment, not on the month they were deducted for)."""
        if not unpaid:
            return
        cases = set(
            DeductionOrder.objects.filter(
                case_id__in={case_id for case_id, _a, _o in unpaid.values()},
                status=OrderStatus.ACTIVE,
            ).values_list("case_id", flat=True)
        )
        if not cases:
            return
        available = dict(
            RemittanceAllocation.objects.filter(
                order__case_id__in=cases,
                posted_at__isnull=True,
                remittance__paid_on__gte=on_date - timedelta(days=clearing_days(on_date)),
            )
            .values("order__case_id")
            .annotate(total=Sum("amount"))
            .values_list("order__case_id", "total")
        )
        paid_ahead = (
            Obligation.objects.filter(
                case_id__in=cases,
                kind=ObligationKind.MAINTENANCE,
                due_date__gt=self.employer_cutoff(cutoff),
            )
            .values("case_id")
            .annotate(total=Sum(F("amount") - F("outstanding")))
            .values_list("case_id", "total")
        )
        for case_id, total in paid_ahead:
            available[case_id] = available.get(case_id, 0) + total
        for instalment_id, (case_id, _amount, outstanding) in list(unpaid.items()):
            if case_id not in cases:
                continue
            if available.get(case_id, 0) >= outstanding:
                available[case_id] -= outstanding
                del unpaid[instalment_id]
            else:
                # The money would go to this instalment first, so it covers no later one.
                available[case_id] = 0

    def deduction_orders_exist(self):
        """Whether the paying parent has any deduction order, read with their account (SQL
        over the account row `account`), so a parent without one (most) costs no query
        for them."""
        return {
            "has_deduction_orders": (
                f"EXISTS (SELECT 1 FROM {DeductionOrder._meta.db_table} deduction "  # noqa: S608
                "WHERE deduction.case_id = account.case_id "
                "AND deduction.employee_id = account.party_id)"
            )
        }

    def active_deduction(self, case, party):
        """The paying parent's active deduction from earnings order, with its lines for
        the case page. Only the paying parent ever sees these."""
        from .presenters.case import case_deductions
        from .selectors import deduction_orders_for_case

        orders = list(deduction_orders_for_case(case, party))
        active = next((order for order in orders if order.status == OrderStatus.ACTIVE), None)
        return active, case_deductions(case, party) if orders else []

    def open_remittances(self, employer_references):
        return list(
            Remittance.objects.select_for_update()
            .filter(employer__reference__in=employer_references)
            .select_related("employer")
            .order_by("month", "paid_on", "id")
        )

    def latest_remittances(self, employer_references):
        return Remittance.objects.filter(employer__reference__in=employer_references).order_by(
            "-month"
        )[:1]

    def remittance_by_public_id(self, public_id):
        return Remittance.objects.filter(public_id=public_id).first()

    def case_of(self, remittance):
        first = remittance.allocations.select_related("order__case").order_by("pk").first()
        return first.order.case if first else None

    def fully_matched(self, remittance):
        from .tasks import post_remittance_receipts_task

        post_remittance_receipts_task.delay_on_commit(remittance.pk)
