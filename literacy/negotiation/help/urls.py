from django.urls import path

from literacy.negotiation.help import views
from literacy.negotiation.toolkit.urls import urlpatterns as toolkit

app_name = "help"

urlpatterns = [
    path("", views.request_form, name="request"),
    path("budget/live/", views.live_budget, name="live_budget"),
    path("sent/", views.sent, name="sent"),
    path("find/", views.find, name="find"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/reply/", views.reply, name="reply"),
    path("track/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("track/<str:token>/feedback/", views.feedback, name="feedback"),
    path("track/<str:token>/letter/", views.letter, name="letter"),
    *toolkit,
]
