from django.conf import settings
from django.http import HttpRequest

from literacy.accounts.roles import EDUCATORS, REVIEWERS, has_role


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "ORGANISATION_EMAIL": settings.ORGANISATION_EMAIL,
        "is_educator": has_role(user, EDUCATORS),
        "is_reviewer": has_role(user, REVIEWERS),
    }
