from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import get_language


class LearningConfig(AppConfig):
    name = "literacy.learning"
    home_section = "learning/home_section.html"

    def home_context(self, request: HttpRequest) -> dict:
        from literacy.learning.models import Course

        return {
            "courses": list(Course.objects.for_language(get_language()).published()),
            # The progress work adds the learner's "continue where you left off" here.
            **self.continue_context(request),
        }

    def continue_context(self, request: HttpRequest) -> dict:
        """Extension point for progress: what the learner should open next."""
        return {}
