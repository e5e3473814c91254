"""The admin site with the site's log-in limits on its log-in page."""

from django.contrib import admin
from django.utils.decorators import method_decorator

from literacy.accounts.login_limits import limit_logins


class LimitedAdminSite(admin.AdminSite):
    @method_decorator(limit_logins)
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
