"""`python manage.py calculate`: a JSON array of calculation requests on standard input, a
JSON array of results in the same order on standard output.

A request that cannot be calculated gets `{"error": {"field", "message"}}` in its place and
the rest still run. Input that is not a JSON array stops the command with exit status 2.
See calculation/requests.py for the request and result fields.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from calculation.requests import RequestDocumentError, calculate_requests, load_requests


class Command(BaseCommand):
    help = (
        "Calculate child maintenance for a JSON array of requests read from standard "
        "input; write a JSON array of results to standard output."
    )
    # Tests pass `stdin=` to call_command; it is not a command-line option.
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        try:
            requests = load_requests(stdin.read())
        except RequestDocumentError as error:
            raise CommandError(str(error), returncode=2) from None
        results = calculate_requests(requests)
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
