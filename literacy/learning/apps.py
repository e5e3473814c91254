from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "literacy.learning"
