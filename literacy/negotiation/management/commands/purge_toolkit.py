"""Retention for anonymous visitors' debt-toolkit records (budget, debts, contact log).

A visitor without an account reaches these records only through their session; once
none of them has changed for --older-than DAYS they are deleted (the privacy note on
the toolkit pages states 30 days). Account holders' records stay until they delete
them or the account.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from literacy.negotiation.toolkit.owner import ANONYMOUS_RETENTION_DAYS, purge_anonymous


class Command(BaseCommand):
    help = "Delete anonymous visitors' budgets, debts and contact logs unchanged for DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than", type=int, default=ANONYMOUS_RETENTION_DAYS, metavar="DAYS"
        )

    def handle(self, *args, older_than: int, **options) -> None:
        if older_than < 0:
            self.stderr.write("--older-than must be 0 or more days")
            raise SystemExit(2)
        count = purge_anonymous(timezone.now() - timedelta(days=older_than))
        self.stdout.write(f"deleted {count} anonymous toolkit record(s)")
