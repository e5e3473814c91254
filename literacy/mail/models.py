"""One row per message the site sends; its state makes delivery idempotent.

queued → sending → sent, or back to queued after a failed attempt (with a later
``next_attempt_at``), or failed once ``MAIL_MAX_ATTEMPTS`` attempts have failed.
A message marked sent is never sent again.
"""

from email.utils import make_msgid

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The exception's class only: SMTP errors quote addresses, which are personal data.
    last_error = models.CharField(max_length=200, blank=True)
    # Fixed when queued, so a message re-sent after a crash is recognisably the same one.
    message_id = models.CharField(max_length=255, unique=True)
    subject = models.TextField()
    body = models.TextField()
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    alternatives = models.JSONField(default=list)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="mail_state_created")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_state_display()}"

    @classmethod
    def from_message(cls, message: EmailMessage) -> "OutgoingEmail":
        if message.attachments:
            raise ValueError("queued e-mails carry no attachments")
        headers = dict(message.extra_headers)
        sender_domain = str(message.from_email).rsplit("@", 1)[-1].strip("> ")
        headers.setdefault("Message-ID", make_msgid(domain=sender_domain or None))
        return cls(
            message_id=headers["Message-ID"],
            subject=str(message.subject),
            body=str(message.body),
            from_email=str(message.from_email),
            to=list(message.to),
            cc=list(message.cc),
            bcc=list(message.bcc),
            reply_to=list(message.reply_to),
            headers=headers,
            alternatives=[
                [str(content), mimetype]
                for content, mimetype in getattr(message, "alternatives", [])
            ],
        )

    def as_message(self, connection) -> EmailMessage:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email,
            to=self.to,
            cc=self.cc,
            bcc=self.bcc,
            reply_to=self.reply_to,
            headers=self.headers,
            connection=connection,
        )
        for content, mimetype in self.alternatives:
            message.attach_alternative(content, mimetype)
        return message
