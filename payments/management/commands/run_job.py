"""Run a nightly payments job (or all four, in order) for a business date, in this
process. Safe to run again: chunks already done are skipped."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from payments import jobs
from payments.dates import business_date

ALL = "nightly"


class Command(BaseCommand):
    help = "Run a payments job for a business date: " + ", ".join([ALL, *jobs.NIGHTLY_JOBS])

    def add_arguments(self, parser):
        parser.add_argument("job", choices=[ALL, *jobs.NIGHTLY_JOBS])
        parser.add_argument("--date", help="Business date, YYYY-MM-DD (default: today in London)")
        parser.add_argument(
            "--chunk",
            type=int,
            action="append",
            help="Only this chunk (may be given more than once)",
        )

    def handle(self, *args, job, date=None, chunk=None, **options):
        day = self._business_date(date)
        names = jobs.NIGHTLY_JOBS if job == ALL else [job]
        for name in names:
            if chunk is None and not jobs.prerequisite_done(name, day):
                raise CommandError(f"{jobs.JOBS[name].after} has not finished for {day}.")
            results = jobs.run_job_now(name, day, chunks=chunk)
            done = {number: stats for number, stats in results.items() if stats is not None}
            self.stdout.write(
                f"{name} {day.isoformat()}: {len(done)} chunks done, "
                f"{len(results) - len(done)} already done"
            )
            for number, stats in done.items():
                self.stdout.write(f"  chunk {number}: {stats}")

    @staticmethod
    def _business_date(value):
        if not value:
            return business_date()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from None
