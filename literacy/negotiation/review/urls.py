from django.urls import path

from literacy.negotiation.review import metrics_views, reply_views, views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export/", views.export, name="export"),
    path("feedback/", views.feedback, name="feedback"),
    path("assign/", views.bulk_assign, name="bulk_assign"),
    path("templates/", reply_views.template_list, name="templates"),
    path("templates/new/", reply_views.template_new, name="template_new"),
    path("templates/<int:pk>/", reply_views.template_edit, name="template_edit"),
    path("templates/<int:pk>/retire/", reply_views.template_retire, name="template_retire"),
    path("metrics/", metrics_views.metrics, name="metrics"),
    path("metrics/export/", metrics_views.metrics_csv, name="metrics_csv"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/claim/", views.claim, name="claim"),
    path("<str:reference>/assign/", views.assign, name="assign"),
    path("<str:reference>/urgency/", views.urgency, name="urgency"),
    path("<str:reference>/status/", views.change_status, name="status"),
    path("<str:reference>/note/", views.note, name="note"),
    path("<str:reference>/message/", views.message, name="message"),
]
