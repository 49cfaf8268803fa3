"""What is read about a parent for their alerts. Everything here is the signed-in user's
own: there is no way to name another user's preferences."""

from django.db.models import Count, Q

from cases.models import Party

from .models import AlertPreferences
from .phone import uk_mobile_or_blank


def own_parties(user):
    """The parties the user is in a case as (not those they represent)."""
    if not getattr(user, "is_authenticated", False):
        return Party.objects.none()
    return Party.objects.filter(user=user)


def chooses_alerts(user):
    return own_parties(user).exists()


def is_safeguarded(user):
    """A safeguarding flag on any of the user's parties or on a case they are in."""
    return own_parties(user).filter(Q(safeguarding=True) | Q(case__safeguarding=True)).exists()


def alert_standing(user):
    """(is a parent in a case, is safeguarded) in one query, for pages that need both."""
    counts = own_parties(user).aggregate(
        parties=Count("pk"),
        flagged=Count("pk", filter=Q(safeguarding=True) | Q(case__safeguarding=True)),
    )
    return bool(counts["parties"]), bool(counts["flagged"])


def preferences_for(user):
    """The user's saved preferences, or (unsaved) the defaults."""
    if user is None or user.pk is None:
        return AlertPreferences()
    found = AlertPreferences.objects.filter(user=user).first()
    return found if found is not None else AlertPreferences(user=user)


def mobile_on_file(user, preferences=None):
    """The number texts go to: the one given for alerts, else a UK mobile the user gave
    for their case."""
    preferences = preferences or preferences_for(user)
    if preferences.mobile_number:
        return preferences.mobile_number
    for phone in own_parties(user).exclude(phone="").values_list("phone", flat=True):
        number = uk_mobile_or_blank(phone)
        if number:
            return number
    return ""


def texts_allowed(preferences, safeguarded):
    """A safeguarded parent gets texts only once they confirmed (locked screens)."""
    return not safeguarded or preferences.texts_confirmed_at is not None
