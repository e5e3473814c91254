"""Send the weekly reminder e-mails (run daily by a timer; see ``reminders``)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from literacy.learning.progress.reminders import send_due_reminders


class Command(BaseCommand):
    help = "E-mail account holders who asked for reminders (at most once a week each)."

    def handle(self, *args, **options) -> None:
        sent = send_due_reminders(timezone.now())
        self.stdout.write(f"Sent {sent} reminder(s).")
