"""The Jinja environment: govuk-frontend-jinja macros, Django's gettext, and the
small set of helpers templates need (urls, static files, formatting, form errors)."""

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import (
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    Template,
    select_autoescape,
)

from . import formatting
from .chrome import cached_fragment
from .cookies import cookie_consent, take_cookie_confirmation
from .forms import error_summary_items, field_error
from .forms.rendering import field_params, form_fields, has_file_field
from .languages import language_toggle_items, toggle_hrefs, toggle_slots
from .navigation import navigation_items, navigation_key
from .tables import govuk_attributes, govuk_table


def url(viewname, *args, **kwargs):
    """`url("cases:detail", reference)` or `url("cases:detail", reference=...)`."""
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def _app_globals():
    """Each installed app may offer template helpers in `<app>/jinja_globals.py` as
    GLOBALS (found like admin modules are, so the portal names no app)."""
    for app in (config.name for config in apps.get_app_configs()):
        try:
            module = importlib.import_module(f"{app}.jinja_globals")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.jinja_globals":
                raise
            continue
        yield module.GLOBALS


class PortalTemplate(Template):
    """Jinja's template, with a cheaper check when another template imports it (every
    page imports about twenty macros). Jinja asks whether the importing page has globals
    the macros lack with one mapping lookup per global, about 40 microseconds an import;
    the same question asked as one set difference costs a tenth of that."""

    def _get_default_module(self, ctx=None):
        if ctx is not None and not ctx.globals_keys.difference(self.globals):
            ctx = None  # nothing new: the module Jinja keeps serves, as it would decide
        return super()._get_default_module(ctx)


def environment(**options):
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    # Plain-text emails (.txt) are not HTML-escaped; everything else is.
    options["autoescape"] = select_autoescape(
        disabled_extensions=("txt",), default_for_string=True, default=True
    )
    env = Environment(**options, extensions=["jinja2.ext.i18n", "jinja2.ext.do"])  # noqa: S701 (autoescape set above)
    env.template_class = PortalTemplate
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        url=url,
        static=static,
        get_messages=get_messages,
        get_language=translation.get_language,
        csrf_token_for=get_token,
        language_toggle_items=language_toggle_items,
        toggle_hrefs=toggle_hrefs,
        toggle_slots=toggle_slots,
        navigation_items=navigation_items,
        navigation_key=navigation_key,
        cached_fragment=cached_fragment,
        error_summary_items=error_summary_items,
        field_error=field_error,
        govuk_form_field=field_params,
        govuk_form_fields=form_fields,
        govuk_form_has_file=has_file_field,
        govuk_table=govuk_table,
        govuk_attributes=govuk_attributes,
        service_name=settings.SERVICE_NAME,
        exit_this_page_url=settings.EXIT_THIS_PAGE_URL,
        northern_ireland_service_url=settings.NORTHERN_IRELAND_SERVICE_URL,
        cookie_consent=cookie_consent,
        take_cookie_confirmation=take_cookie_confirmation,
        analytics_id=settings.ANALYTICS_ID,
    )
    for app_globals in _app_globals():
        env.globals.update(app_globals)
    env.filters.update(
        money=formatting.money,
        govuk_date=formatting.govuk_date,
        govuk_datetime=formatting.govuk_datetime,
    )
    return env
