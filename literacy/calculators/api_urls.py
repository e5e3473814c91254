from django.urls import path

from literacy.calculators import api
from literacy.calculators.registry import calculators

app_name = "api"

urlpatterns = [
    *(
        path(
            f"calculators/{c.name}",
            api.calculator if c.api_method == "get" else api.calculator_json,
            {"name": c.name},
            name=c.url_name,
        )
        for c in calculators()
    ),
    path("schema", api.schema, name="schema"),
]
