"""Import a bank statement file (CSV or camt.053, see README) and match its lines.
Importing the same file again changes nothing; a file with problems imports nothing and
each problem is listed with its row."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from payments.bank_statements import StatementError
from payments.services import import_bank_statement


class Command(BaseCommand):
    help = "Import a bank statement (CSV or ISO 20022 camt.053) and match the money to payments."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            statement, created = import_bank_statement(
                acting_user=None, file_name=file.name, content=content
            )
        except StatementError as error:
            for problem in error.problems:
                where = f"row {problem.row}" if problem.row else "file"
                self.stderr.write(f"{file.name}, {where}: {problem.message}")
            raise CommandError(f"{len(error.problems)} problem(s): nothing was imported.") from None
        if not created:
            self.stdout.write(f"{file.name} was imported before: nothing changed.")
            return
        matched = statement.lines.filter(status="matched").count()
        self.stdout.write(
            f"{file.name}: {statement.lines_added} new lines ({matched} matched), "
            f"{statement.lines_known} already imported."
        )
