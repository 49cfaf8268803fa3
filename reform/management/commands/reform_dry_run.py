"""What the reform would do on a commencement date; changes nothing.

manage.py reform_dry_run --commencement 2027-04-01
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reform.dry_run import dry_run, format_report


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Give the commencement date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = "Report what the collection reform would do from a commencement date (reads only)."

    def add_arguments(self, parser):
        parser.add_argument("--commencement", required=True, type=iso_date, metavar="YYYY-MM-DD")

    def handle(self, *args, commencement, **options):
        try:
            report = dry_run(commencement)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(format_report(report)))
