from django.urls import path

from literacy.learning.studio import glossary, insights, lesson_files_views, upkeep_views, views

app_name = "studio"

lesson = "<slug:language>/<slug:course>/<slug:lesson>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("preview/", views.preview, name="preview"),
    path("insights/", insights.insights, name="insights"),
    path("checks/", upkeep_views.checks, name="checks"),
    path("export/", lesson_files_views.export, name="export"),
    path("facts/<slug:fact>/", upkeep_views.fact, name="fact"),
    path("glossary/", glossary.glossary, name="glossary"),
    path("glossary/<slug:language>/<slug:slug>/", glossary.glossary_edit, name="glossary_edit"),
    path(lesson, views.edit, name="edit"),
    path(f"{lesson}publish/", views.publish, name="publish"),
    path(f"{lesson}unpublish/", views.unpublish, name="unpublish"),
    path(f"{lesson}history/", views.history, name="history"),
    path(f"{lesson}translation/", upkeep_views.translation, name="translation"),
    path(f"{lesson}rename/", lesson_files_views.rename, name="rename"),
    path(f"{lesson}history/<int:revision>/", views.diff, name="diff"),
    path(f"{lesson}history/<int:revision>/restore/", views.restore, name="restore"),
]
