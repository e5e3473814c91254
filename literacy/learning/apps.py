from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import get_language


class LearningConfig(AppConfig):
    name = "literacy.learning"
    home_section = "learning/_home_section.html"

    def home_context(self, request: HttpRequest) -> dict:
        from literacy.learning.models import Course

        return {
            "courses": list(Course.objects.for_language(get_language()).published()),
            **self.continue_context(request),
        }

    def continue_context(self, request: HttpRequest) -> dict:
        """What the learner should open next: the home page's "continue" card and how
        many missed questions are due for review."""
        from django.utils import timezone

        from literacy.learning.progress.learners import Learner
        from literacy.learning.progress.queries import continue_lesson, course_progress
        from literacy.learning.progress.review import due_count

        learner = Learner.from_request(request)
        courses = course_progress(learner, get_language())
        return {
            "continue_lesson": continue_lesson(courses),
            "due_reviews": due_count(learner, get_language(), timezone.now()),
        }

    def ready(self) -> None:
        # Connects the log-in receiver that merges a visitor's progress into the account.
        from literacy.learning.progress import merge  # noqa: F401
