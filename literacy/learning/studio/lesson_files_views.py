"""Studio pages for lesson files and addresses: the zip export and renaming a slug."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from literacy.learning.models import Course
from literacy.learning.studio import lesson_files_out
from literacy.learning.studio.forms import slug_validator
from literacy.learning.studio.views import educators_only, lesson_kwargs, lesson_or_404


class RenameForm(forms.Form):
    slug = forms.CharField(
        label=gettext_lazy("New web address (slug)"),
        max_length=80,
        validators=[slug_validator],
        help_text=gettext_lazy("The old address will keep leading here."),
    )


@require_GET
@educators_only
def export(request: HttpRequest) -> HttpResponse:
    """``?course=<id>`` for one course; otherwise every course and the facts."""
    course_id = request.GET.get("course", "")
    course = get_object_or_404(Course, pk=course_id) if course_id.isdigit() else None
    try:
        archive = lesson_files_out.lesson_zip(course)
    except lesson_files_out.TooLarge:
        messages.error(request, _("Too much text for one download: export one course at a time."))
        return redirect("studio:index")
    name = f"lessons-{course.language}-{course.slug}.zip" if course else "lessons.zip"
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@educators_only
def rename(request: HttpRequest, language: str, course: str, lesson: str) -> HttpResponse:
    item = lesson_or_404(language, course, lesson)
    form = RenameForm(
        request.POST if request.method == "POST" else None, initial={"slug": item.slug}
    )
    if request.method == "POST" and form.is_valid():
        try:
            lesson_files_out.rename_lesson(item, form.cleaned_data["slug"], by=request.user)
        except lesson_files_out.SlugTaken:
            form.add_error("slug", _("Another lesson of this course has or had this address."))
        else:
            messages.success(request, _("Renamed; the old address leads here."))
            return redirect("studio:edit", **lesson_kwargs(item))
    return render(request, "learning/studio/rename.html", {"lesson": item, "form": form})
