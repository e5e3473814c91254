from django.apps import AppConfig


class CalculatorsConfig(AppConfig):
    name = "literacy.calculators"
    home_section = "calculators/home_section.html"
