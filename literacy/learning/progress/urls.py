from django.urls import path

from literacy.learning.progress import views

app_name = "progress"

urlpatterns = [
    path("", views.index, name="index"),
    path("done/<int:lesson>/", views.done, name="done"),
    path("certificate/<slug:course>/", views.certificate, name="certificate"),
    path("export/", views.export, name="export"),
    path("reset/", views.reset, name="reset"),
]
