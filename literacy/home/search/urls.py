from django.urls import path

from literacy.home.search import views

app_name = "search"

urlpatterns = [
    path("", views.index, name="index"),
]
