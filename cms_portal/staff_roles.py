"""Staff roles are groups: caseworker, team leader and finance. A data migration creates
them; after every migrate they are brought back in step, so a model added later gives its
permissions to the roles that work it. Nothing here gives Users, Groups, Authenticators or
lockout records (axes) to anyone: those stay with superusers (service administrators).

- caseworker: works cases, parties, children, income, changes, messages, employers and
  orders; sees money; records a parent's payment as expected; starts enforcement and
  agrees payment plans; starts and records enforcement stages.
- team leader: everything a caseworker does, and agrees write-offs (reversing money
  owed) and enforcement charge waivers; sets the arrears thresholds for enforcement;
  sees the audit trail.
- finance: records money received and matches bank money; reverses payments the bank
  returned; sees cases and employers to do so."""

import re

CASEWORKER = "caseworker"
TEAM_LEADER = "team leader"
FINANCE = "finance"
STAFF_GROUPS = (CASEWORKER, TEAM_LEADER, FINANCE)

# Custom permissions (on payments.LedgerEntry) that only team leaders hold.
WRITE_OFF = "payments.write_off_debt"
WAIVE_CHARGE = "payments.waive_charge"
REVERSE = "payments.reverse_ledgerentry"

_CASEWORK = [
    ("cases", r"(view|add|change)_.+"),
    ("casework", r"(view|add|change)_.+"),
    ("employers", r"(view|add|change)_.+"),
    ("applications", r"(view|change)_.+"),
    # HMRC's income files are read, and unmatched rows matched by hand, in the admin.
    ("hmrc_income", r"(view|change)_.+"),
    ("payments", r"view_.+"),
    # Variation requests are decided in the admin; parents make them online.
    ("variations", r"(view|change)_.+"),
    # Arrears plans outside the rules are agreed or refused in the admin.
    ("arrears_plans", r"(view|change)_.+"),
    # Complaints are acknowledged and answered in the admin; people send them online.
    ("complaints", r"(view|change)_.+"),
    # A parent's payment taken by phone is recorded as expected until the bank has it.
    ("payments", r"add_(enforcementaction|arrearspaymentplan|expectedpayment|enforcementstep)"),
]

# (app label, codename pattern matched whole).
ROLE_PERMISSIONS = {
    CASEWORKER: _CASEWORK,
    TEAM_LEADER: [
        *_CASEWORK,
        ("payments", r"reverse_ledgerentry|write_off_debt|waive_charge"),
        # Arrears thresholds at which the nightly job opens enforcement.
        ("payments", r"add_enforcementthresholds"),
        ("cms_portal", r"view_auditevent"),
    ],
    FINANCE: [
        ("cases", r"view_(case|party)"),
        ("employers", r"view_.+"),
        ("payments", r"view_.+"),
        ("payments", r"(add|change)_(receipt|expectedpayment|bank\w*)"),
        ("payments", r"match_\w+|reverse_ledgerentry"),
    ],
}


def role_permissions(role, permissions):
    """The permissions (from `permissions`, a queryset of Permission) a role holds."""
    wanted = ROLE_PERMISSIONS[role]
    return [
        permission
        for permission in permissions.select_related("content_type")
        if any(
            permission.content_type.app_label == app and re.fullmatch(pattern, permission.codename)
            for app, pattern in wanted
        )
    ]


def sync_roles(group_model, permission_model):
    """Create the groups and set each one's permissions to exactly what its role holds."""
    everything = permission_model.objects.all()
    for role in ROLE_PERMISSIONS:
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role, everything))


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Django sends post_migrate only for apps with models.
    configs = [config for config in apps.get_app_configs() if config.models_module is not None]
    # Once per migrate, after the last app: every app's permissions exist by then
    # (made here first, as this receiver may run before Django's own). Django sends the
    # signal only for apps with a models module, so apps without one (nonprod) are skipped.
    with_models = [config for config in configs if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles(Group, Permission)


def assignable_staff():
    """The people a case or a queue item can be given to: active caseworkers and team
    leaders (never parents, employers or finance staff)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=[CASEWORKER, TEAM_LEADER])
        .distinct()
        .order_by("full_name", "email")
    )


def is_assignable(user):
    return user is None or assignable_staff().filter(pk=user.pk).exists()
