"""Messages from CMS to an employer: shown on the dashboard, with an email to the
employer's admins and payroll contact that says only that there is something to read."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.formatting import govuk_date, money
from cms_portal.notify import send_email

from ..models import EmployerMessage, MembershipRole
from .errors import EmployerRuleError, user_or_none


def employer_contacts(employer):
    """Addresses to tell about the employer's orders: its admins and payroll contact."""
    emails = list(
        employer.memberships.filter(role=MembershipRole.ADMIN).values_list("user__email", flat=True)
    )
    if employer.contact_email and employer.contact_email not in emails:
        emails.append(employer.contact_email)
    return emails


def _written(value):
    if isinstance(value, date):
        return govuk_date(value)
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


def send_employer_message(
    *,
    acting_user,
    employer,
    subject,
    body,
    params=None,
    notify_template="employers_new_message",
    in_reply_to=None,
):
    """`subject` and `body` may be translatable strings with %(name)s placeholders filled
    from `params` (dates and amounts written out), in the employer's language. A reply
    to the employer's message marks that message answered."""
    if in_reply_to is not None and in_reply_to.employer_id != employer.pk:
        raise EmployerRuleError(_("Reply to a message from the same employer"), field="in_reply_to")
    with translation.override(employer.preferred_language):
        values = {name: _written(value) for name, value in (params or {}).items()}
        subject = str(subject) % values if params else str(subject)
        body = str(body) % values if params else str(body)
    with transaction.atomic():
        message = EmployerMessage.objects.create(
            employer=employer,
            subject=subject[:200],
            body=body,
            sent_by=user_or_none(acting_user),
            in_reply_to=in_reply_to,
        )
        if in_reply_to is not None and in_reply_to.from_employer:
            EmployerMessage.objects.filter(pk=in_reply_to.pk, answered_at__isnull=True).update(
                answered_at=message.sent_at
            )
        record_audit_event(
            acting_user=acting_user,
            action="employer.message_sent",
            obj=employer,
            message=str(message.public_id),
            in_reply_to=str(in_reply_to.public_id) if in_reply_to else "",
        )
        for email in employer_contacts(employer):
            send_email(
                to=email,
                template=notify_template,
                language=employer.preferred_language,
                context={
                    "employer_name": employer.name,
                    "dashboard_path": reverse("employers:dashboard"),
                },
            )
        return message


def send_message_to_cms(*, acting_user, employer, subject, body, in_reply_to=None):
    """A message from the employer's people, new or in reply to one of ours, for a
    caseworker to answer in the admin."""
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise EmployerRuleError(_("Enter a subject"), field="subject")
    if not body:
        raise EmployerRuleError(_("Enter your message"), field="body")
    if in_reply_to is not None and in_reply_to.employer_id != employer.pk:
        raise EmployerRuleError(_("Reply to a message from the same employer"), field="body")
    with transaction.atomic():
        message = EmployerMessage.objects.create(
            employer=employer,
            subject=subject[:200],
            body=body,
            sent_by=user_or_none(acting_user),
            from_employer=True,
            in_reply_to=in_reply_to,
        )
        record_audit_event(
            acting_user=acting_user,
            action="employer.message_to_cms",
            obj=employer,
            message=str(message.public_id),
            in_reply_to=str(in_reply_to.public_id) if in_reply_to else "",
        )
        return message
