from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from literacy.home import views as home_views

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("literacy.calculators.api_urls")),
]

urlpatterns += i18n_patterns(
    # Under the language prefix so that set_language resolves the page being left
    # in that page's language, whatever the visitor's cookie or browser prefers.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", home_views.home, name="home"),
    path("start/", include("literacy.home.start.urls")),
    path("accounts/", include("literacy.accounts.urls")),
    path("calculators/", include("literacy.calculators.urls")),
    path("learn/", include("literacy.learning.lessons.urls")),
    path("progress/", include("literacy.learning.progress.urls")),
    path("studio/", include("literacy.learning.studio.urls")),
    path("help/", include("literacy.negotiation.help.urls")),
    path("review/", include("literacy.negotiation.review.urls")),
    path("search/", include("literacy.home.search.urls")),
    path("glossary/", include("literacy.learning.glossary.urls")),
)

handler404 = "literacy.home.views.page_not_found"
handler500 = "literacy.home.views.server_error"
