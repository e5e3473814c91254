from django.urls import path

from literacy.learning.progress import review_views, views

app_name = "progress"

urlpatterns = [
    path("", views.index, name="index"),
    path("done/<int:lesson>/", views.done, name="done"),
    path("certificate/<slug:course>/", views.certificate, name="certificate"),
    path("export/", views.export, name="export"),
    path("reset/", views.reset, name="reset"),
    path("review/", review_views.review, name="review"),
    path("review/answer/", review_views.review_answer, name="review_answer"),
    path("reminders/", review_views.reminder_settings, name="reminders"),
    path("reminders/stop/<str:token>/", review_views.unsubscribe, name="unsubscribe"),
]
