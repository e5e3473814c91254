from django.urls import path

from literacy.calculators import api

app_name = "api"

urlpatterns = [
    path("calculators/instalment", api.calculator, {"name": "instalment"}, name="instalment"),
    path("calculators/interest", api.calculator, {"name": "interest"}, name="interest"),
    path(
        "calculators/minimum-payment",
        api.calculator,
        {"name": "minimum-payment"},
        name="minimum_payment",
    ),
    path("calculators/overdue", api.calculator, {"name": "overdue"}, name="overdue"),
    path("calculators/apr", api.apr, name="apr"),
    path("schema", api.schema, name="schema"),
]
