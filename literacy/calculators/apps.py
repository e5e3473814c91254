from django.apps import AppConfig


class CalculatorsConfig(AppConfig):
    name = "literacy.calculators"
    home_section = "calculators/_home_section.html"
