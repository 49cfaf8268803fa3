"""manage.py import_hmrc_income FILE: import one HMRC income file and list every problem
with its row and field. Exits 1 when the file is refused."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hmrc_income.services import import_income_file


class Command(BaseCommand):
    help = "Import an HMRC income file (docs/hmrc-income-feed.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        report = import_income_file(acting_user=None, file_name=path.name, data=data)
        for line in report.summary_lines():
            self.stdout.write(line)
        if report.refused:
            raise CommandError(f"{path.name} was refused.")
