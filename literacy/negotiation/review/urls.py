from django.urls import path

from literacy.negotiation.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export/", views.export, name="export"),
    path("feedback/", views.feedback, name="feedback"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/claim/", views.claim, name="claim"),
    path("<str:reference>/assign/", views.assign, name="assign"),
    path("<str:reference>/status/", views.change_status, name="status"),
    path("<str:reference>/note/", views.note, name="note"),
    path("<str:reference>/message/", views.message, name="message"),
]
