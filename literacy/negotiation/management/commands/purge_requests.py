"""Retention: anonymise closed and withdrawn requests older than N days.

Personal fields and the story are blanked and event bodies stripped; amounts,
choices, statuses and the event skeleton stay for statistics. Running it again
changes nothing.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from literacy.negotiation.models import NegotiationRequest
from literacy.negotiation.use_cases import anonymise


class Command(BaseCommand):
    help = "Anonymise closed and withdrawn negotiation requests older than --older-than DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")

    def handle(self, *args, older_than: int, **options) -> None:
        if older_than < 0:
            self.stderr.write("--older-than must be 0 or more days")
            raise SystemExit(2)
        cutoff = timezone.now() - timedelta(days=older_than)
        count = sum(
            anonymise(case=item)
            for item in NegotiationRequest.objects.retired_before(cutoff).iterator()
        )
        self.stdout.write(f"anonymised {count} request(s)")
