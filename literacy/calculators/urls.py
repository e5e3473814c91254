from django.urls import path

from literacy.calculators import views

app_name = "calculators"

urlpatterns = [
    path("", views.index, name="index"),
    path("instalment/", views.calculator, {"name": "instalment"}, name="instalment"),
    path("interest/", views.calculator, {"name": "interest"}, name="interest"),
    path(
        "minimum-payment/",
        views.calculator,
        {"name": "minimum-payment"},
        name="minimum_payment",
    ),
    path("overdue/", views.calculator, {"name": "overdue"}, name="overdue"),
    path("apr/", views.calculator, {"name": "apr"}, name="apr"),
]
