"""Reads scoped to the signed-in user. Anything that is not theirs raises Http404, never
403, so a guess cannot even tell whether a case exists."""

import functools
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import router
from django.db.models import CharField, Count, F, IntegerField, Q, Subquery, Value
from django.http import Http404
from django.utils import timezone

from cms_portal.core.composed import ComposedRead, ComposedRows

from .models import (
    OPEN_CHANGE_STATUSES,
    Attachment,
    Case,
    ChangeReport,
    ChangeStatus,
    ClosureRequest,
    ClosureStatus,
    Decision,
    Message,
    MessageThread,
    Party,
    Reconsideration,
    Representative,
    RepresentativeStatus,
    Scope,
    is_case_reference,
)

_SCOPE_FIELDS = {
    Scope.VIEW: "can_view",
    Scope.REPORT_CHANGES: "can_report_changes",
    Scope.MESSAGE: "can_message",
}


@dataclass(frozen=True)
class CaseAccess:
    """Who the user is on a case: the party they are, or act for, and how."""

    case: Case
    party: Party
    representative: Representative | None = None

    @property
    def is_representative(self):
        return self.representative is not None

    @property
    def is_paying(self):
        return self.party.is_paying

    def allows(self, scope):
        return self.representative is None or self.representative.allows(scope)


def current_representation_query(scope=None):
    """A Q on Representative for those in force today that allow `scope` (any if None)."""
    query = Q(status=RepresentativeStatus.ACTIVE, valid_until__gte=timezone.localdate())
    if scope is not None:
        query &= Q(**{_SCOPE_FIELDS[Scope(scope)]: True})
    return query


def _current_representations(user, scope=None):
    return Representative.objects.filter(current_representation_query(scope), user=user)


def _signed_in(user):
    if user is None or not user.is_authenticated:
        raise Http404


# Every page of a case starts with this read: its SQL is composed once per process.
_parties_of_users_case = ComposedRead(
    lambda reference, user_id: Party.objects.filter(
        case__reference=reference, case__parties__user_id=user_id
    ),
    keys=2,
    text_keys=(0,),
    related=("case",),
)


def case_access(user, reference, scope=Scope.VIEW):
    """The user's access to the case with this reference, allowing `scope`."""
    _signed_in(user)
    if not is_case_reference(reference):
        raise Http404
    # A party's own case comes with the party, and with every party in it (most pages
    # name or check the others), in one query; representatives need two.
    parties = _parties_of_users_case(reference, user.pk)
    party = next((party for party in parties if party.user_id == user.pk), None)
    if party is not None:
        _keep_parties(party.case, parties)
        return CaseAccess(case=party.case, party=party)
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        raise Http404
    representation = (
        _current_representations(user, scope).filter(case=case).select_related("party").first()
    )
    if representation is None:
        raise Http404
    return CaseAccess(case=case, party=representation.party, representative=representation)


def _keep_parties(case, parties):
    """`case.parties.all()` answers from `parties` (already read) as a prefetch would."""
    for party in parties:
        party.case = case
    queryset = case.parties.all()
    queryset._result_cache = parties
    queryset._prefetch_done = True
    case._prefetched_objects_cache = {"parties": queryset}


def case_for_user(user, reference, scope=Scope.VIEW):
    """The case, if the user is a party in it or an active representative with `scope`."""
    return case_access(user, reference, scope).case


def party_for_user(user, case):
    """The party the user is in this case, or acts for."""
    _signed_in(user)
    party = Party.objects.filter(case=case, user=user).first()
    if party is not None:
        return party
    representation = (
        _current_representations(user).filter(case=case).select_related("party").first()
    )
    if representation is None:
        raise Http404
    return representation.party


_users_parties = ComposedRead(
    lambda user_id: Party.objects.filter(user_id=user_id), keys=1, related=("case",)
)


def accesses_for_user(user, *, representations=True):
    """Every case the user can see, as CaseAccess, parties first, newest case first.
    `representations=False` when the user is known to hold none (their roles say so)."""
    if user is None or not user.is_authenticated:
        return []
    accesses = [CaseAccess(case=party.case, party=party) for party in _users_parties(user.pk)]
    if not representations:
        return accesses
    seen = {access.case.pk for access in accesses}
    for representation in _current_representations(user).select_related("case", "party"):
        if representation.case_id not in seen:
            seen.add(representation.case_id)
            accesses.append(
                CaseAccess(
                    case=representation.case,
                    party=representation.party,
                    representative=representation,
                )
            )
    return accesses


def current_decision(case):
    """The decision in force now: the latest made (decisions are never edited)."""
    return case.decisions.order_by("-decided_at", "-id").first()


_case_decisions = ComposedRead(
    lambda case_id: Decision.objects.filter(case_id=case_id).order_by("-decided_at", "-id"),
    keys=1,
)


def decisions_for_case(case):
    """Newest first. The case page reads them on every visit: the SQL is composed once."""
    decisions = _case_decisions(case.pk)
    for decision in decisions:
        Decision.case.field.set_cached_value(decision, case)
    return decisions


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404 from None


def decision_for_case(case, public_id):
    return _get_or_404(Decision.objects.filter(case=case), public_id)


def _get_or_404(queryset, public_id):
    found = queryset.filter(public_id=_uuid_or_404(public_id)).first()
    if found is None:
        raise Http404
    return found


def change_reports_for(access):
    return ChangeReport.objects.filter(case=access.case, party=access.party)


def change_report_for(access, public_id):
    return _get_or_404(change_reports_for(access), public_id)


def open_change_reports_for(access):
    return change_reports_for(access).filter(status__in=OPEN_CHANGE_STATUSES)


def evidence_needed_for(access):
    return change_reports_for(access).filter(status=ChangeStatus.EVIDENCE_NEEDED)


def threads_for(access):
    return MessageThread.objects.filter(case=access.case, party=access.party)


def thread_list_for(access):
    """What the list of the party's threads shows, newest first, each with the number of
    caseworkers' messages nobody on the party's side has read: one query, as values."""
    unread = Count(
        "messages", filter=Q(messages__from_caseworker=True, messages__read_at__isnull=True)
    )
    return (
        threads_for(access)
        .values(
            "public_id",
            "subject",
            "last_message_at",
            "status",
            "reply_by",
            "team",
            "assigned_to__full_name",
        )
        .annotate(unread=unread)
        .order_by("-last_message_at", "-id")
    )


def thread_for(access, public_id):
    return _get_or_404(threads_for(access).select_related("assigned_to"), public_id)


def unread_messages_for(access):
    """Caseworkers' messages to this party that nobody on the party's side has read."""
    return Message.objects.filter(
        thread__case=access.case,
        thread__party=access.party,
        from_caseworker=True,
        read_at__isnull=True,
    )


@dataclass(frozen=True)
class DashboardFacts:
    """What the dashboard's cards need from the cases area, for every case at once."""

    decisions: dict  # case id -> the decision in force
    unread: dict  # (case id, party id) -> unread caseworker messages
    evidence_needed: dict  # (case id, party id) -> change reports waiting for evidence
    first_decisions: dict = field(default_factory=dict)  # case id -> the first decision
    closures: dict = field(default_factory=dict)  # case id -> parents' waiting requests

    def for_access(self, access):
        key = (access.case.pk, access.party.pk)
        return (
            self.decisions.get(access.case.pk),
            self.unread.get(key, 0),
            self.evidence_needed.get(key, []),
        )


@functools.lru_cache(maxsize=32)
def _dashboard_reads(cases, parties):
    """The dashboard's four reads for this many cases and parties, each composed once
    per process (the dashboard runs them on every visit)."""
    return {
        "decisions": ComposedRead(
            lambda *case_ids: Decision.objects.filter(case_id__in=case_ids).order_by(
                "case_id", "-decided_at", "-id"
            ),
            keys=cases,
        ),
        "closures": ComposedRead(
            # Parents' requests still waiting (not the service's own, as on the case page).
            lambda *case_ids: ClosureRequest.objects.filter(
                case_id__in=case_ids, party__isnull=False, status=ClosureStatus.REQUESTED
            ).order_by("-requested_at", "-id"),
            keys=cases,
            related=("party",),
        ),
        "unread": ComposedRows(
            lambda *party_ids: (
                Message.objects.filter(
                    thread__party_id__in=party_ids, from_caseworker=True, read_at__isnull=True
                )
                .values_list("thread__case_id", "thread__party_id")
                .annotate(count=Count("id"))
            ),
            keys=parties,
        ),
        "evidence": ComposedRead(
            lambda *party_ids: ChangeReport.objects.filter(
                party_id__in=party_ids, status=ChangeStatus.EVIDENCE_NEEDED
            ),
            keys=parties,
        ),
    }


def dashboard_facts(accesses):
    """Four queries whatever the number of cases (each card used to run its own)."""
    if not accesses:
        return DashboardFacts(decisions={}, unread={}, evidence_needed={})
    case_ids = sorted({access.case.pk for access in accesses})
    party_ids = sorted({access.party.pk for access in accesses})
    reads = _dashboard_reads(len(case_ids), len(party_ids))
    decisions: dict[Any, Any] = {}
    first_decisions: dict[Any, Any] = {}
    for decision in reads["decisions"](*case_ids):
        decisions.setdefault(decision.case_id, decision)  # newest first: the one in force
        first_decisions[decision.case_id] = decision  # the oldest comes last
    closures: dict[Any, Any] = {}
    for closure in reads["closures"](*case_ids):
        closures.setdefault(closure.case_id, []).append(closure)
    unread = {
        (case_id, party_id): count for case_id, party_id, count in reads["unread"](*party_ids)
    }
    evidence: dict[Any, Any] = {}
    for report in reads["evidence"](*party_ids):
        evidence.setdefault((report.case_id, report.party_id), []).append(report)
    return DashboardFacts(
        decisions=decisions,
        unread=unread,
        evidence_needed=evidence,
        first_decisions=first_decisions,
        closures=closures,
    )


def attachment_for(access, public_id):
    """An attachment on the party's own side of the case."""
    return _get_or_404(Attachment.objects.filter(case=access.case, party=access.party), public_id)


def reconsiderations_for(access):
    return Reconsideration.objects.filter(case=access.case, party=access.party).select_related(
        "decision"
    )


def loaded_with_only(model, db, values):
    """An instance as read from `db` with only these fields loaded (as `.only()` gives)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


# The columns both kinds of request share, in one order, for the read below.
_OWN_REQUEST_COLUMNS = ("id", "reference", "public_id", "status", "sent_at", "decision_ref", "kind")


@functools.cache
def _own_requests_read(changes):
    """Reconsiderations and the newest `changes` change reports of one party in one
    case, in one union; composed once per process (the case page reads it every visit)."""

    def build(case_id, party_id):
        newest_changes = ChangeReport.objects.filter(case_id=case_id, party_id=party_id).order_by(
            "-reported_at", "-id"
        )[:changes]
        reconsiderations = (
            Reconsideration.objects.filter(case_id=case_id, party_id=party_id)
            .order_by()
            .annotate(
                sent_at=F("requested_at"),
                decision_ref=F("decision_id"),
                kind=Value("", output_field=CharField()),
            )
            .values_list(*_OWN_REQUEST_COLUMNS)
        )
        reports = (
            ChangeReport.objects.filter(pk__in=Subquery(newest_changes.values("pk")))
            .order_by()
            .annotate(
                sent_at=F("reported_at"), decision_ref=Value(None, output_field=IntegerField())
            )
            .values_list(*_OWN_REQUEST_COLUMNS)
        )
        return reconsiderations.union(reports, all=True)

    return ComposedRows(build, keys=2)


def own_requests(access, decisions, *, changes=10):
    """The party's reconsiderations (all of them) and newest `changes` change reports,
    both in one read, newest first. `decisions` are the case's decisions, already read:
    each reconsideration is given its own. Only what the case page lists is loaded."""
    rows = _own_requests_read(changes)(access.case.pk, access.party.pk)
    db = router.db_for_read(ChangeReport)
    by_id = {decision.pk: decision for decision in decisions}
    found_reconsiderations, found_changes = [], []
    for pk, reference, public_id, status, sent_at, decision_id, kind in rows:
        shared = {"id": pk, "reference": reference, "public_id": public_id, "status": status}
        if kind:
            loaded = shared | {"kind": kind, "reported_at": sent_at}
            found_changes.append(loaded_with_only(ChangeReport, db, loaded))
        else:
            request = loaded_with_only(
                Reconsideration,
                db,
                shared | {"requested_at": sent_at, "decision_id": decision_id},
            )
            request.decision = by_id[decision_id]
            found_reconsiderations.append(request)
    found_reconsiderations.sort(key=lambda r: (r.requested_at, r.pk), reverse=True)
    found_changes.sort(key=lambda r: (r.reported_at, r.pk), reverse=True)
    return found_reconsiderations, found_changes


def reconsideration_for(access, public_id):
    return _get_or_404(reconsiderations_for(access), public_id)


def representatives_for(access):
    """The representatives a parent has named. A representative cannot see or name others."""
    if access.is_representative:
        raise Http404
    return Representative.objects.filter(case=access.case, party=access.party)


def representative_for(access, public_id):
    return _get_or_404(representatives_for(access), public_id)


def open_work_items(case):
    return case.work_items.exclude(status="done")


def preview_subjects(access):
    """The other parties of the case whose pages this party may preview: those the
    party is already told about (a receiving parent knows only the paying parent). A
    representative previews nothing: the preview is the parent's own check."""
    if access.is_representative:
        return []
    return [
        party
        for party in access.case.parties.all()
        if party.pk != access.party.pk and (access.is_paying or party.is_paying)
    ]


def preview_access(access, public_id):
    """Another party's access to the case, exactly as they have it when signed in, for a
    preview; 404 unless they are one of preview_subjects(access)."""
    wanted = _uuid_or_404(public_id)
    for party in preview_subjects(access):
        if party.public_id == wanted:
            return CaseAccess(case=access.case, party=party)
    raise Http404


def preview_names_others(access, party):
    """True when `party`'s pages name people this party is not told about: the paying
    parent's pages list every receiving parent and child, so with more than one
    receiving parent a receiving parent cannot be shown them."""
    return party.is_paying and len(access.case.receiving_parties) > 1


_case_closure_requests = ComposedRead(
    lambda case_id: ClosureRequest.objects.filter(case_id=case_id, party__isnull=False).order_by(
        "-requested_at", "-id"
    )[:10],
    keys=1,
    related=("party",),
)


def parent_closure_requests(case):
    """The newest ten requests parents made to close the case, newest first (the
    service's own requests for a caseworker to review a case are not shown to parents)."""
    return _case_closure_requests(case.pk)


def closure_request_for(access, public_id):
    """One of this party's own requests to close the case."""
    return _get_or_404(
        ClosureRequest.objects.filter(case=access.case, party=access.party), public_id
    )
