"""Daily: e-mail each reviewer their overdue requests and the unassigned ones (once a day)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from literacy.negotiation.review.digest import send_digests


class Command(BaseCommand):
    help = "E-mail each reviewer a digest of their overdue and all unassigned open requests."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )

    def handle(self, *args, language: str, **options) -> None:
        sent, repeated, failed = send_digests(language=language)
        self.stdout.write(f"sent {sent} digest(s); {repeated} already sent today")
        if failed:
            self.stderr.write(f"{failed} digest(s) failed; the next run retries them")
            raise SystemExit(1)
