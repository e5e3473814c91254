from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit.decorators import ratelimit

from .forms import SignupForm

# Per address and per account: a guesser is stopped whichever one they vary.
login_limits = [
    ratelimit(key="ip", rate="20/h", method="POST", block=True),
    ratelimit(key="post:username", rate="10/h", method="POST", block=True),
]


@method_decorator(login_limits, name="post")
class RateLimitedLoginView(LoginView):
    redirect_authenticated_user = True


@sensitive_post_parameters("password1", "password2")
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})
