"""The notice stage's letters, sent by email: when enforcement opens, the paying parent
gets the arrears notice and each receiving parent is told we have started to act; at
the first review the paying parent gets a reminder. They hold no amounts and no names
(email previews show on locked screens); the case page has the figures."""

from cms_portal.notify import send_email, send_emails

NOTICE, REMINDER = "notice", "reminder"

# (letter, to the paying parent?) -> email template
TEMPLATES = {
    (NOTICE, True): "payments_arrears_notice_paying",
    (NOTICE, False): "payments_enforcement_started_receiving",
    (REMINDER, True): "payments_arrears_reminder_paying",
}


def notice_stage_letters(case, letter):
    """The emails of `letter` (NOTICE or REMINDER) to the case's parents it is for, as
    `send_email`'s arguments."""
    letters = []
    for party in case.parties.all():
        template = TEMPLATES.get((letter, party.is_paying))
        if template is not None:
            letters.append(
                {
                    "to": party.notification_email,
                    "template": template,
                    "context": {"case_reference": case.reference},
                    "language": party.notification_language,
                }
            )
    return letters


def send_notice_stage_letters(case, letter):
    """Queue `letter` to the case's parents it is for; sent when the caller's
    transaction commits."""
    for email in notice_stage_letters(case, letter):
        send_email(**email)


def send_many_notice_stage_letters(letters):
    """Queue many (case, letter) pairs' emails in one statement (a batch job's); the
    cases' parties read beforehand (with their users) save a query each."""
    send_emails([email for case, letter in letters for email in notice_stage_letters(case, letter)])
