"""An account holder's opt-in to the weekly e-mail about due reviews and unfinished courses."""

from django.conf import settings
from django.db import models


class ReminderSubscription(models.Model):
    """Present while the account holder wants the reminder; unsubscribing deletes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_subscription"
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    # The weekly limit: a reminder goes out only when this is empty or a week old.
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reminders for user {self.user_id}"
