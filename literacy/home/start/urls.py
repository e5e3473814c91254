from django.urls import path

from literacy.home.start import views

urlpatterns = [path("", views.start, name="start")]
