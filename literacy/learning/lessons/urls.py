from django.urls import path

from literacy.learning.lessons import views

app_name = "lessons"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:course>/", views.course, name="course"),
    path("<slug:course>/<slug:lesson>/", views.lesson, name="lesson"),
    path("<slug:course>/<slug:lesson>/answer/", views.answer, name="answer"),
]
