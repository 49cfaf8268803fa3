"""Money counts only when it is in the bank: parents' and employers' payments wait as
expected until a bank statement line is matched to them, and only then reach the ledger
and, through the nightly pass-on, the receiving parent."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from casework.models import WorkItem
from payments.bank_statements import StatementError, read_statement
from payments.models import (
    BankMatch,
    BankReceipt,
    BankStatement,
    Disbursement,
    ExpectedPayment,
    LedgerEntry,
    MatchStatus,
    Receipt,
)
from payments.services import (
    DuplicatePayment,
    import_bank_statement,
    match_by_hand,
    record_bank_receipt,
    record_expected_payment,
)

HEADER = "transaction_id,booked_on,amount,reference,payer_name\n"


def expect(case, amount, day, *, key, reference="SO", reason="", method="standing_order"):
    return record_expected_payment(
        acting_user=None,
        case=case,
        amount=D(amount),
        paid_on=day,
        method=method,
        reference=reference,
        idempotency_key=key,
        duplicate_reason=reason,
    )


def statement(*rows):
    return (HEADER + "".join(",".join(row) + "\n" for row in rows)).encode()


def receiving_balance(case):
    return case.payment_accounts.get(role="receiving").balance


@pytest.mark.parametrize("method", ["card", "standing_order", "bank_transfer"])
def test_nothing_reaches_the_ledger_or_the_receiving_parent_before_a_match(
    collect_and_pay_case, run_nightly, days_ago, method
):
    case = collect_and_pay_case
    run_nightly(days_ago(2))
    expected = expect(case, "312.00", days_ago(2), key="so-1", method=method)
    run_nightly(days_ago(1))
    run_nightly(days_ago(0))
    assert expected.status == MatchStatus.UNMATCHED
    assert not Receipt.objects.exists()
    assert not LedgerEntry.objects.filter(
        kind__in=["payment_received", "maintenance_collected"]
    ).exists()
    assert not Disbursement.objects.exists() and receiving_balance(case) == 0

    file = statement(
        ("TX-1", days_ago(1).isoformat(), "312.00", f"CMS {case.reference}", "C PAYING")
    )
    import_bank_statement(acting_user=None, file_name="day.csv", content=file)
    expected.refresh_from_db()
    assert expected.status == MatchStatus.MATCHED
    receipt = Receipt.objects.get()
    assert (receipt.amount, receipt.received_on, receipt.method) == (
        D("312.00"),
        days_ago(1),
        method,
    )
    assert receiving_balance(case) == D("260.00")
    run_nightly(days_ago(0) + timedelta(days=1))
    assert Disbursement.objects.get().gross == D("260.00")


def test_importing_the_same_money_twice_changes_nothing(
    collect_and_pay_case, run_nightly, days_ago, tmp_path
):
    case = collect_and_pay_case
    run_nightly()
    expect(case, "100.00", days_ago(1), key="so-1")
    rows = [
        ("TX-1", days_ago(1).isoformat(), "100.00", case.reference, "C PAYING"),
        ("TX-2", days_ago(1).isoformat(), "-40.00", "DIRECT DEBIT OUT", ""),
    ]
    path = tmp_path / "statement.csv"
    path.write_bytes(statement(*rows))
    call_command("import_bank_statement", str(path))
    state = (
        BankReceipt.objects.count(),
        Receipt.objects.count(),
        LedgerEntry.objects.count(),
        BankMatch.objects.count(),
    )
    assert state == (1, 1, state[2], 1)
    call_command("import_bank_statement", str(path))
    # A different file (an overlapping statement) with the same line adds nothing either.
    import_bank_statement(
        acting_user=None,
        file_name="overlap.csv",
        content=statement(rows[0], ("TX-3", days_ago(0).isoformat(), "5.00", "X", "")),
    )
    assert (
        BankReceipt.objects.count(),
        Receipt.objects.count(),
        LedgerEntry.objects.count(),
        BankMatch.objects.count(),
    ) == (2, 1, state[2], 1)
    assert BankStatement.objects.count() == 2


def test_every_problem_in_a_file_is_reported_with_its_row(days_ago, db, tmp_path):
    bad = statement(
        ("TX-1", "2026-02-30", "10.00", "A", ""),
        ("", days_ago(0).isoformat(), "ten pounds", "B", ""),
        ("TX-1", days_ago(0).isoformat(), "0", "C", ""),
        ("TX-4", days_ago(0).isoformat(), "10.001", "D", ""),
    )
    with pytest.raises(StatementError) as error:
        read_statement(bad)
    rows = [(problem.row, problem.message) for problem in error.value.problems]
    assert [row for row, _message in rows] == [2, 3, 3, 4, 4, 5]
    assert "real date" in rows[0][1] and "transaction id" in rows[1][1]
    assert "twice" in rows[3][1] and "zero" in rows[4][1]
    path = tmp_path / "bad.csv"
    path.write_bytes(bad)
    with pytest.raises(CommandError, match="6 problem"):
        call_command("import_bank_statement", str(path))
    assert not BankReceipt.objects.exists() and not BankStatement.objects.exists()
    with pytest.raises(StatementError) as header:
        read_statement(b"date,amount\n2026-01-01,5\n")
    assert header.value.problems[0].row == 1
    future = statement(("TX-9", (days_ago(0) + timedelta(days=1)).isoformat(), "5.00", "A", ""))
    with pytest.raises(StatementError) as ahead:
        import_bank_statement(acting_user=None, file_name="f.csv", content=future)
    assert ahead.value.problems[0].row == 2


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
  <Stmt><Id>S1</Id>
   <Ntry><Amt Ccy="GBP">312.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>{day}</Dt></BookgDt>
    <AcctSvcrRef>BANK-1</AcctSvcrRef>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>C Paying</Nm></Pty></Dbtr></RltdPties>
     <RmtInf><Ustrd>CMS {reference}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
   <Ntry><Amt Ccy="GBP">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>{day}</Dt></BookgDt>
    <AcctSvcrRef>BANK-2</AcctSvcrRef></Ntry>
   <Ntry><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>{day}</Dt></BookgDt>
    <AcctSvcrRef>BANK-3</AcctSvcrRef></Ntry>
  </Stmt></BkToCstmrStmt></Document>"""


def test_a_camt053_statement_is_read_and_matched(collect_and_pay_case, run_nightly, days_ago):
    case = collect_and_pay_case
    run_nightly()
    expect(case, "312.00", days_ago(1), key="so-1")
    xml = CAMT.format(day=days_ago(1).isoformat(), reference=case.reference)
    with pytest.raises(StatementError) as error:
        read_statement(xml.encode())
    assert [(p.row, "pounds" in p.message) for p in error.value.problems] == [(3, True)]
    good = xml.replace('<Ntry><Amt Ccy="EUR">', '<Ntry><Amt Ccy="GBP">')
    fmt, lines = read_statement(good.encode())
    assert fmt == "camt053" and [(x.transaction_id, x.amount, x.payer_name) for x in lines] == [
        ("BANK-1", D("312.00"), "C Paying"),
        ("BANK-3", D("5.00"), ""),
    ]
    import_bank_statement(acting_user=None, file_name="camt.xml", content=good.encode())
    assert Receipt.objects.get().amount == D("312.00")
    # Entity expansion is refused, not expanded.
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'
    with pytest.raises(StatementError):
        read_statement(bomb)


def test_part_matches_post_what_arrived_and_are_queued(collect_and_pay_case, run_nightly, days_ago):
    case = collect_and_pay_case
    run_nightly()
    expected = expect(case, "312.00", days_ago(1), key="so-1")
    record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=D("200.00"),
        reference=f"{case.reference[:4]} {case.reference[4:]}",
        transaction_id="m-1",
    )
    expected.refresh_from_db()
    assert (expected.status, expected.matched_amount) == (MatchStatus.PART_MATCHED, D("200.00"))
    assert Receipt.objects.get().amount == D("200.00")
    item = WorkItem.objects.get(case=case, kind="part_matched_money")
    assert "£200.00 of £312.00" in item.summary and "£112.00" in item.summary
    # Money naming the case that nobody said they paid is queued, and posts nothing.
    record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=D("500.00"),
        reference=f"Ref {case.reference} extra",
        transaction_id="m-2",
    )
    assert Receipt.objects.count() == 2  # the 112.00 still expected was matched from it
    assert WorkItem.objects.filter(case=case, kind="unmatched_money").count() == 1
    left = BankReceipt.objects.get(transaction_id="m-2")
    assert (left.status, left.remaining) == (MatchStatus.PART_MATCHED, D("388.00"))


def test_finance_staff_match_unknown_money_to_a_case_by_hand(
    collect_and_pay_case, run_nightly, days_ago
):
    case = collect_and_pay_case
    run_nightly()
    bank = record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=D("50.00"),
        reference="GIRO",
        transaction_id="m-1",
    )
    assert bank.status == MatchStatus.UNMATCHED and not Receipt.objects.exists()
    bank = match_by_hand(acting_user=None, bank_receipt=bank, case=case)
    assert bank.status == MatchStatus.MATCHED
    assert Receipt.objects.get().amount == D("50.00")
    assert ExpectedPayment.objects.get().status == MatchStatus.MATCHED


def test_an_exact_amount_is_preferred_to_the_oldest(collect_and_pay_case, run_nightly, days_ago):
    case = collect_and_pay_case
    run_nightly()
    older = expect(case, "50.00", days_ago(3), key="a")
    exact = expect(case, "80.00", days_ago(2), key="b")
    record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=D("80.00"),
        reference=case.reference,
        transaction_id="m-1",
    )
    older.refresh_from_db()
    exact.refresh_from_db()
    assert (older.status, exact.status) == (MatchStatus.UNMATCHED, MatchStatus.MATCHED)


def test_a_duplicate_payment_needs_a_reason_and_is_audited(
    collect_and_pay_case, run_nightly, days_ago
):
    from cms_portal.models import AuditEvent

    case = collect_and_pay_case
    run_nightly()
    expect(case, "100.00", days_ago(0), key="a", reference="BANK REF 1")
    with pytest.raises(DuplicatePayment, match="already recorded"):
        expect(case, "100.00", days_ago(0), key="b", reference="BANK REF 1")
    # A different reference, amount or date is not a duplicate.
    expect(case, "100.00", days_ago(0), key="c", reference="BANK REF 2")
    expect(
        case, "100.00", days_ago(0), key="d", reference="BANK REF 1", reason="Paid twice by mistake"
    )
    assert ExpectedPayment.objects.count() == 3
    assert (
        AuditEvent.objects.filter(
            action="payments.duplicate_recorded_anyway", details__reason="Paid twice by mistake"
        ).count()
        == 1
    )
    record_bank_receipt(
        acting_user=None,
        booked_on=days_ago(0),
        amount=D("9.00"),
        reference="X",
        transaction_id="t-1",
    )
    with pytest.raises(DuplicatePayment):
        record_bank_receipt(
            acting_user=None,
            booked_on=days_ago(0),
            amount=D("9.00"),
            reference="X",
            transaction_id="t-2",
        )


def test_every_receipt_in_the_demo_is_money_matched_in_the_bank(db):
    """The whole demo (parents' and employers' payments, nightly jobs, pass-on): each
    receipt on a ledger is a bank match, or an employer's share of a payment matched in
    full; nothing passed on exceeds what was received."""
    from django.db.models import Sum

    from employers.models import RemittanceAllocation
    from tests.nonprod.test_employers_demo import load_everything

    load_everything()
    receipts = list(Receipt.objects.all())
    assert receipts and Disbursement.objects.exists()
    employer_shares = {
        allocation.idempotency_key: allocation
        for allocation in RemittanceAllocation.objects.select_related("remittance")
    }
    for receipt in receipts:
        if receipt.idempotency_key.startswith("bank-match:"):
            match = BankMatch.objects.get(pk=int(receipt.idempotency_key.split(":")[1]))
            assert match.amount == receipt.amount and match.expected_payment.case_id == (
                receipt.case_id
            )
        else:
            remittance = employer_shares[receipt.idempotency_key].remittance
            matched = remittance.bank_matches.aggregate(total=Sum("amount"))["total"]
            assert matched == remittance.amount, receipt.idempotency_key
    received = Receipt.objects.aggregate(total=Sum("amount"))["total"]
    passed_on = Disbursement.objects.aggregate(total=Sum("gross"))["total"]
    assert passed_on <= received
