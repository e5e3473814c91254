from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from literacy.urls import handler404, handler500
from literacy.urls import urlpatterns as site_patterns


def boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = site_patterns + i18n_patterns(path("boom/", boom))
__all__ = ["handler404", "handler500", "urlpatterns"]
