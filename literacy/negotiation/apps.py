from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    name = "literacy.negotiation"
