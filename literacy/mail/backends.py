"""``EMAIL_BACKEND`` for the site: every message is stored and its delivery enqueued.

Both writes happen in the caller's transaction (the database task backend stores
the task as a row), so a request that rolls back sends nothing and a committed
one cannot lose its e-mail. A worker (``manage.py db_worker``) delivers through
``EMAIL_DELIVERY_BACKEND``. With the immediate task backend (tests, and
development without a worker) delivery happens at once, through the same path.
"""

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from literacy.mail.delivery import deliver
from literacy.mail.models import OutgoingEmail


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            with transaction.atomic():
                row = OutgoingEmail.from_message(message)
                row.save()
                deliver.enqueue(row.pk)
            queued += 1
        return queued
