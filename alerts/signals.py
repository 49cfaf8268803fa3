"""The events the alerts app hears as signals: a decision (cases), a paying parent's
payment recorded and money passed on to receiving parents (payments). Missed payments
and answered messages call the kernel's send_party_alert directly, as they used to
send their own email there."""

from django.dispatch import receiver

from cases.models import Party
from cases.signals import decision_made
from cms_portal.party_alerts import DECISION_MADE, PAYMENT_RECEIVED
from payments.signals import money_passed_on, receipt_recorded

from .delivery import send_alert, send_alerts


@receiver(decision_made, dispatch_uid="alerts.decision_made")
def alert_decision(sender, decision, notify=True, **kwargs):
    if not notify:  # the parties are told another way (a letter, a variation's email)
        return
    for party in decision.case.parties.select_related("user"):
        send_alert(DECISION_MADE, party)


@receiver(receipt_recorded, dispatch_uid="alerts.receipt_recorded")
def alert_payment_made(sender, receipt, **kwargs):
    """The paying parent: their payment has reached us."""
    party = Party.objects.select_related("user").filter(payment_accounts=receipt.account_id)
    for payer in party[:1]:
        send_alert(PAYMENT_RECEIVED, payer)


@receiver(money_passed_on, dispatch_uid="alerts.money_passed_on")
def alert_money_passed_on(sender, disbursements, **kwargs):
    """Each receiving parent paid: a payment has been received for them."""
    send_alerts(PAYMENT_RECEIVED, [disbursement.account.party for disbursement in disbursements])
