from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VariationsConfig(AppConfig):
    name = "variations"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Variations")

    def ready(self):
        from cases.admin.overview import register_case_sections

        from .admin_overview import variation_reads, variation_sections

        register_case_sections(variation_reads, variation_sections)
        # Decisions are made in the cases area, which knows nothing of variations: it asks
        # the sources registered here for the variations agreed on a case.
        from cases.services import decisions

        from .selectors import agreed_variations_for_engine, cases_with_agreed_variations

        if agreed_variations_for_engine not in decisions.VARIATION_SOURCES:
            decisions.VARIATION_SOURCES.append(agreed_variations_for_engine)
        if cases_with_agreed_variations not in decisions.VARIATION_CASE_SOURCES:
            decisions.VARIATION_CASE_SOURCES.append(cases_with_agreed_variations)
