"""A production configuration must send real e-mail (tracking links otherwise go nowhere)."""

from django.conf import settings
from django.core import checks

# Backends that deliver nothing to a person: the console prints tracking links to the log.
NOWHERE = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
QUEUED = "literacy.mail.backends.QueuedEmailBackend"


@checks.register(checks.Tags.security, deploy=True)
def real_email_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problems = []
    if settings.EMAIL_BACKEND != QUEUED:
        problems.append(
            checks.Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}, not the durable queue",
                hint=f"Leave EMAIL_BACKEND unset ({QUEUED}) and choose the real sender "
                "with EMAIL_DELIVERY_BACKEND.",
                id="literacy.mail.E001",
            )
        )
    if settings.EMAIL_DELIVERY_BACKEND in NOWHERE:
        problems.append(
            checks.Error(
                f"EMAIL_DELIVERY_BACKEND is {settings.EMAIL_DELIVERY_BACKEND}: learners would "
                "receive nothing",
                hint="Set EMAIL_DELIVERY_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD.",
                id="literacy.mail.E002",
            )
        )
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        problems.append(
            checks.Error(
                "TASKS uses an in-process backend: queued e-mail is not durable",
                hint="Leave TASKS_BACKEND unset (database) and run `manage.py db_worker`.",
                id="literacy.mail.E003",
            )
        )
    smtp = settings.EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    if smtp and not settings.EMAIL_HOST:
        problems.append(
            checks.Error(
                "EMAIL_HOST is not set: the SMTP delivery backend has no server to talk to",
                id="literacy.mail.E004",
            )
        )
    return problems
