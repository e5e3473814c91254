from django.urls import path

from literacy.calculators import views
from literacy.calculators.registry import calculators

app_name = "calculators"

urlpatterns = [
    path("", views.index, name="index"),
    *(
        path(f"{c.name}/", views.calculator, {"name": c.name}, name=c.url_name)
        for c in calculators()
    ),
]
