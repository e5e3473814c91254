from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "literacy.mail"
    verbose_name = _("Outgoing e-mail")

    def ready(self) -> None:
        from literacy.mail import checks  # noqa: F401 - registers the deploy check
