"""Old lesson addresses: a renamed lesson's former slug keeps leading to it (301)."""

from django.conf import settings
from django.db import models

from literacy.learning.models.content import Course, Lesson


class LessonRedirect(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    old_slug = models.SlugField(max_length=80)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="old_addresses")
    renamed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    renamed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "old_slug"], name="redirect_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.course.slug}/{self.old_slug} → {self.lesson.slug}"

    @staticmethod
    def lesson_at(language: str, course: str, old_slug: str) -> Lesson | None:
        """The lesson that used to live at this address, if one did."""
        found = (
            LessonRedirect.objects.filter(
                course__language=language, course__slug=course, old_slug=old_slug
            )
            .select_related("lesson__course")
            .first()
        )
        return found.lesson if found else None
