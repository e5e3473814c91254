from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    name = "literacy.negotiation"
    home_section = "negotiation/home_section.html"
