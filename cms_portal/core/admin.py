"""What every admin module shares: read-only records, forms that call a service instead
of saving a model, and the links and sections of the case overview page with the one
query that reads them (`ReadTogether`)."""

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from operator import itemgetter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, OuterRef, Subquery, TextField, Window
from django.db.models.functions import JSONObject, RowNumber
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from cms_portal.staff_roles import assignable_staff


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only services write."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceBackedAdmin(admin.ModelAdmin):
    """Subclasses save through `create(request, form)` and `update(request, obj, changes)`.
    Fields naming who does the work (`staff_fields`) offer only caseworkers and team
    leaders."""

    staff_fields = ("assigned_caseworker", "assigned_to")

    def response_action(self, request, queryset):
        """An action run from a button on another admin page (the case page sends
        `_return_to`) goes back to that page instead of this model's list."""
        response = super().response_action(request, queryset)
        back = request.POST.get("_return_to", "")
        to_list = isinstance(response, HttpResponseRedirect) and (
            response.url == request.get_full_path()
        )
        safe = back.startswith("/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return HttpResponseRedirect(back) if to_list and safe else response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.staff_fields:
            kwargs["queryset"] = assignable_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in form.cleaned_data
            }
            saved = self.update(request, obj, changes) if changes else obj
        else:
            saved = self.create(request, form)
        # The admin reads obj.pk afterwards (messages, log entries, redirects).
        obj.pk = saved.pk
        obj.refresh_from_db()

    def create(self, request, form):
        raise NotImplementedError

    def update(self, request, obj, changes):
        raise NotImplementedError


def run_for_each(request, queryset, action, success_message):
    """Runs a service for each selected row, reporting any refusal instead of failing."""
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except ValueError as error:
            messages.error(request, f"{obj}: {error}")
        else:
            done += 1
    if done:
        messages.success(request, success_message % {"count": done})


def mask(value, keep=2):
    value = str(value or "")
    return ("*" * max(len(value) - keep, 0) + value[-keep:]) if value else ""


class ServiceForm(forms.Form):
    """A form whose submit calls a service once: it carries its own idempotency key."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", f"admin:{uuid.uuid4()}")
        super().__init__(*args, **kwargs)


def render_service_form(model_admin, request, form, *, title, submit_text, intro=""):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "form": form,
        "title": title,
        "submit_text": submit_text,
        "intro": intro,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "admin/service_form.html", context, status=status)


def extra_url(model_admin, suffix, view, name):
    opts = model_admin.opts
    return path(
        suffix,
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_{name}",
    )


# The case overview page: sections of rows with links and buttons to existing admin
# pages and actions, so every change there still goes through the services.


# Every cell has `text`, `url` and `action`, so the template asks each the same way (an
# attribute a cell lacks costs the template a search of the object).


@dataclass
class Text:
    text: object
    url = ""
    action = ""


@dataclass
class Link:
    text: str
    url: str
    action = ""


@dataclass
class PostAction:
    """A button that runs an admin bulk action on one object."""

    text: str
    url: str
    action: str
    pk: int


@dataclass
class Section:
    """A table of rows (each a list of cells: text, or a Link or PostAction), with the
    section's own actions and a summary of (label, value) above it."""

    key: str
    title: str
    headers: list
    rows: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    summary: list = field(default_factory=list)

    def cells(self):
        """The rows with plain values as Text."""
        return [
            [cell if isinstance(cell, Link | PostAction) else Text(cell) for cell in row]
            for row in self.rows
        ]


def display(obj, name):
    """What `obj.get_<name>_display()` gives (still lazy, so in the page's language), from
    a table of the field's choices made once: Django's own builds one on every call."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return _choice_labels(field).get(value, value)


@cache
def _choice_labels(field):
    return dict(field.flatchoices)


def admin_url(model, view, *args, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    return f"{url}?{query}" if query else url


def change_link(obj, text=None):
    return Link(str(text if text is not None else obj), admin_url(type(obj), "change", obj.pk))


def may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def offer_add(section, user, model, text, query):
    if may(user, model, "add"):
        section.actions.append(Link(text, admin_url(model, "add", query=query)))


@dataclass(frozen=True)
class Rows:
    """The rows of one table that a page about one object shows: the queryset (filtered
    on anything but the object), the path from a row to the object (`link`), the fields
    shown (a related object's as a path, "employer__name"), their order, how many at most."""

    queryset: object
    fields: tuple
    order_by: tuple = ("pk",)
    limit: int | None = None
    link: str = "case"


class ReadTogether:
    """The rows of many tables about one object (say a case) in one query: each read a
    JSON column of the object's own row. `reads()` names them (name -> Rows). The query is
    built once per database, as its text is the same for every object: only the object's
    key changes, and building it takes longer than running it."""

    def __init__(self, model, reads):
        self.model = model
        self.reads = reads
        self._built = {}

    def forget(self):
        """Builds the query again on the next read (after the reads have changed)."""
        self._built.clear()

    def __call__(self, pk, using=DEFAULT_DB_ALIAS):
        """name -> the rows found, each an instance with only its fields loaded (and the
        related objects its paths name); money stays Decimal. None found if no object."""
        if using not in self._built:
            self._built[using] = self._build(using)
        reads, sql, params = self._built[using]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [*params, pk])
            found = cursor.fetchone() or ["[]"] * len(reads)
        return {
            name: [
                _instance(rows.queryset.model, using, row)
                for row in sorted(json.loads(text, parse_float=Decimal), key=itemgetter(_POSITION))
            ]
            for (name, rows), text in zip(reads.items(), found, strict=True)
        }

    def _build(self, using):
        reads = self.reads()
        columns = {f"rows_{number}": _as_json(rows) for number, rows in enumerate(reads.values())}
        every_object = (
            self.model._base_manager.using(using)
            .order_by()
            .annotate(**columns)
            .values_list(*columns)
        )
        sql, params = every_object.query.get_compiler(using).as_sql()
        # The query reads every object until it is given the one: it ends with their table.
        table, key = self.model._meta.db_table, self.model._meta.pk.column
        quote = connections[using].ops.quote_name
        if not sql.endswith(f" FROM {quote(table)}"):
            raise ValueError(f"Expected the query to end with its table: {sql[-200:]}")
        return reads, f"{sql} WHERE {quote(table)}.{quote(key)} = %s", list(params)


class _JSONRows(Subquery):
    """A subquery's rows, each a JSON object in its `json_row` column, as one JSON array
    (text). Arrays keep no promised order: each row carries its position."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(SELECT json_group_array(json(found.json_row)) FROM (%(subquery)s) found)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = (
            "(SELECT COALESCE(jsonb_agg(found.json_row), '[]')::text FROM (%(subquery)s) found)"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


_POSITION = "__position"


def _as_json(rows):
    keys = ["pk", *rows.fields]
    # The primary key of each related object, to tell an empty relation from empty fields.
    keys += sorted({key.rpartition("__")[0] + "__pk" for key in rows.fields if "__" in key})
    one_row = JSONObject(
        **{key: F(key) for key in dict.fromkeys(keys)},
        **{_POSITION: Window(RowNumber(), order_by=rows.order_by)},
    )
    ordered = (
        rows.queryset.filter(**{rows.link: OuterRef("pk")})
        .order_by(*rows.order_by)
        .values(json_row=one_row)
    )
    return _JSONRows(ordered[: rows.limit] if rows.limit is not None else ordered)


def _instance(model, using, values):
    own: dict[str, object] = {}
    related: dict[str, dict] = {}
    for key, value in values.items():
        if key == _POSITION:
            continue
        name, _, rest = key.partition("__")
        if rest:
            related.setdefault(name, {})[rest] = value
        else:
            found = model._meta.pk if name == "pk" else model._meta.get_field(name)
            own[found.attname] = _python_value(found, value)
    names = [f.attname for f in model._meta.concrete_fields if f.attname in own]
    instance = model.from_db(using, names, [own[name] for name in names])
    for name, related_values in related.items():
        relation = model._meta.get_field(name)
        target = None
        if related_values.get("pk") is not None:
            target = _instance(relation.related_model, using, related_values)
        relation.set_cached_value(instance, target)
    return instance


def _python_value(field, value):
    if value is None:
        return None
    value = field.to_python(value)
    if isinstance(value, Decimal) and field.get_internal_type() == "DecimalField":
        # As the database gives it (SQLite keeps 12.50 as 12.5).
        value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
    # SQLite writes times without their zone; they are UTC, as the database keeps them.
    if isinstance(value, datetime) and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value
