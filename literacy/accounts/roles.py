"""Roles are Django groups. This module names them and answers "may this user …?"."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

EDUCATORS = "educators"
REVIEWERS = "reviewers"
ROLES = (EDUCATORS, REVIEWERS)


def has_role(user, role: str) -> bool:
    """True for an active member of the group ``role``; superusers hold every role.

    The group names are cached on the user object so that navigation and access
    checks in one request cost one query.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return role in user._role_names


def role_required(role: str) -> Callable:
    """View decorator: anonymous visitors go to log in, other users get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
