from django.contrib import admin

from literacy.learning.models import Answer, Course, Lesson, LessonProgress, Question, Revision


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "slug", "order"]
    list_filter = ["language"]
    search_fields = ["title", "slug"]


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["key", "prompt", "correct", "multiple", "retired"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "language", "order", "status", "version"]
    list_filter = ["language", "status", "course"]
    search_fields = ["title", "slug", "translation_key"]
    list_select_related = ["course"]
    readonly_fields = ["current_revision", "version"]
    inlines = [QuestionInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["lesson", "created_at", "author", "note"]
    list_select_related = ["lesson", "author"]
    readonly_fields = ["lesson", "source", "html", "toc", "reading_minutes", "author", "note"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "correct", "first_try", "created_at"]
    list_select_related = ["question__lesson"]


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ["lesson", "first_opened", "last_visited", "completed_at"]
    list_select_related = ["lesson"]
