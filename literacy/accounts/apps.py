from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "literacy.accounts"

    def ready(self) -> None:
        from literacy.accounts import login_limits  # noqa: F401 - counts failed log-ins


class LimitedAdminConfig(admin_apps.AdminConfig):
    """The admin with log-in limits (its own log-in page had none)."""

    default = False
    default_site = "literacy.accounts.admin_site.LimitedAdminSite"
