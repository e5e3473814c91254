"""Courses, lessons, their immutable revisions and knowledge checks.

A lesson's HTML is rendered once per revision by ``literacy.learning.content.pipeline`` and
stored on the revision; pages serve the stored HTML. Learners are either account
holders (``user``) or anonymous visitors identified by their session key.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DatabaseClockField(models.DateTimeField):
    """``auto_now`` on the database's clock: every save writes ``Now()``, never the
    time of the app server that saves. The page cache's content stamp is the latest of
    these times; an app server whose clock lags another's would otherwise write a time
    below that latest one, and its change would not move the stamp. The instance keeps
    the value it was loaded with (nothing reads it but the stamp's aggregate);
    ``QuerySet.update()`` does not save through fields, so its callers pass ``Now()``."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Now:
        return Now()


class CourseQuerySet(models.QuerySet):
    def for_language(self, language: str) -> "CourseQuerySet":
        return self.filter(language=language)

    def published(self) -> "CourseQuerySet":
        """Courses that have at least one published lesson, annotated with the count."""
        return (
            self.annotate(
                published_lessons=models.Count(
                    "lessons", filter=Q(lessons__status=Lesson.Status.PUBLISHED)
                )
            )
            .filter(published_lessons__gt=0)
            .order_by("order", "slug")
        )


class Course(models.Model):
    slug = models.SlugField(max_length=80, help_text=_("The course's folder name."))
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    order = models.PositiveIntegerField(default=0)
    intro = models.TextField(blank=True, help_text=_("Markdown introduction."))
    intro_html = models.TextField(blank=True, editable=False)
    updated_at = DatabaseClockField(editable=False)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["language", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="course_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        from django.utils.translation import override

        with override(self.language):
            return reverse("lessons:course", kwargs={"course": self.slug})


class LessonQuerySet(models.QuerySet):
    def published(self) -> "LessonQuerySet":
        return self.filter(status=Lesson.Status.PUBLISHED).select_related("course")

    def for_language(self, language: str) -> "LessonQuerySet":
        return self.filter(language=language).select_related("course")

    def with_checks(self) -> "LessonQuerySet":
        """Annotated with ``has_checks``: whether the lesson's current revision has
        knowledge checks (then only its answers complete it)."""
        current_checks = Question.objects.current().filter(lesson=models.OuterRef("pk"))
        return self.annotate(has_checks=models.Exists(current_checks))

    def with_content(self) -> "LessonQuerySet":
        """What a lesson page needs in one query: the course, the current revision and
        ``has_checks``."""
        return self.select_related("course", "current_revision").with_checks()


class Lesson(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80, help_text=_("The file name without its NN- prefix."))
    order = models.PositiveIntegerField(default=0)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    translation_key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    minutes = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_revision = models.ForeignKey(
        "Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Optimistic lock: every save of new content increments it; an editor who
    # started from an older version is refused instead of overwriting.
    version = models.PositiveIntegerField(default=0)
    # The front matter's optional ``checked:`` date (claims outside the facts register).
    checked_on = models.DateField(null=True, blank=True)
    # The last revision that changed the text of an existing lesson (not its creation,
    # not a re-render for a changed fact): what a translation may fall behind.
    source_updated_at = models.DateTimeField(null=True, blank=True)
    # The last explicit "in step with its translations" (``TranslationCheck``).
    translation_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = DatabaseClockField(editable=False)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["course", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="lesson_unique_slug")
        ]
        indexes = [models.Index(fields=["language", "translation_key"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        from django.utils.translation import override

        with override(self.language):
            return reverse(
                "lessons:lesson", kwargs={"course": self.course.slug, "lesson": self.slug}
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def surroundings(self) -> tuple["Lesson | None", "Lesson | None", "Lesson | None"]:
        """The published lessons before and after this one in its course, and the same
        lesson in the other language when it is published: one query."""
        rows = list(
            Lesson.objects.published()
            .filter(
                Q(course_id=self.course_id)
                | (Q(translation_key=self.translation_key) & ~Q(language=self.language))
            )
            .order_by("order", "slug")
            .only(
                "slug",
                "title",
                "order",
                "language",
                "course__slug",
                "created_at",
                "source_updated_at",
                "translation_checked_at",
            )  # fmt: skip
        )
        translation = next((row for row in rows if row.language != self.language), None)
        siblings = [row for row in rows if row.course_id == self.course_id]
        index = next((i for i, sibling in enumerate(siblings) if sibling.pk == self.pk), None)
        if index is None:  # a draft is nobody's neighbour
            return None, None, translation
        previous = siblings[index - 1] if index > 0 else None
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        return previous, following, translation


class ImmutableRevisionError(Exception):
    """A revision is a historical record: it is created once and never changed."""


class Revision(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField(help_text=_("The whole lesson file: front matter and markdown."))
    html = models.TextField(help_text=_("Sanitised HTML with the trusted embeds expanded."))
    toc = models.JSONField(default=list, help_text=_("Headings: [{level, id, name}]."))
    reading_minutes = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.lesson} @ {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableRevisionError("Revisions are never changed; create a new one.")
        super().save(*args, **kwargs)

    @property
    def long_enough_for_toc(self) -> bool:
        return sum(1 for entry in self.toc if entry["level"] == 2) >= 3


class QuestionQuerySet(models.QuerySet):
    def current(self) -> "QuestionQuerySet":
        """Questions in the lesson's current revision (retired ones keep their answers)."""
        return self.filter(retired=False)


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    # Revision-independent: the quiz's position in the lesson ("q1", "q2", …), so
    # fixing a typo keeps a learner's answers attached to the question.
    key = models.SlugField(max_length=20)
    prompt = models.TextField()
    choices = models.JSONField(help_text=_("The choices, in order."))
    correct = models.JSONField(help_text=_("1-based positions of the correct choices."))
    multiple = models.BooleanField(default=False)
    explanation_html = models.TextField()
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(
        default=False, help_text=_("No longer in the lesson's current revision.")
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["lesson", "order"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "key"], name="question_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.lesson}: {self.key}"

    def is_correct(self, chosen: list[int]) -> bool:
        return sorted(set(chosen)) == sorted(self.correct)

    @property
    def numbered_choices(self) -> list[tuple[int, str]]:
        """(1-based position, text) pairs, as the knowledge-check form lists them."""
        return list(enumerate(self.choices, start=1))

    def choice_texts(self, chosen: list[int]) -> list[str]:
        """The text of each chosen (1-based) position, in the question's order."""
        return [text for n, text in enumerate(self.choices, start=1) if n in set(chosen)]
