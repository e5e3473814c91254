from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from .forms import DeleteAccountForm, SignupForm
from .login_limits import limit_logins


@method_decorator(limit_logins, name="post")
class RateLimitedLoginView(LoginView):
    redirect_authenticated_user = True


# Per address, and per e-mail typed with a short window: nobody can flood one
# inbox, and nobody can hold a real owner's reset back for long. The answer is
# the same page whether or not an account has that address (Django's view).
reset_limits = [
    ratelimit(key="ip", rate="10/h", method="POST", block=True),
    ratelimit(key="post:email", rate="3/15m", method="POST", block=True),
]


@method_decorator(reset_limits, name="post")
class RateLimitedPasswordResetView(PasswordResetView):
    """Django's reset by e-mail, with the site's plain-text message and its own address."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
        }
        return super().form_valid(form)


def _next_or_home(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "home"


@sensitive_post_parameters("password1", "password2")
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next_or_home(request))
    return render(
        request, "registration/signup.html", {"form": form, "next": request.GET.get("next", "")}
    )


@sensitive_post_parameters("password")
@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and its progress; help requests stay, unlinked, for the reviewers."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "registration/delete_account.html", {"form": form})
