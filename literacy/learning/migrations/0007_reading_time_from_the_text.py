"""Every lesson shows the reading time its current revision computed from the text,
instead of the ``minutes:`` its file once declared."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def reading_time_from_revision(apps, schema_editor):
    Lesson = apps.get_model("learning", "Lesson")
    Revision = apps.get_model("learning", "Revision")
    current = Revision.objects.filter(pk=OuterRef("current_revision_id"))
    Lesson.objects.filter(current_revision__isnull=False).update(
        minutes=Subquery(current.values("reading_minutes")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_review_cards_and_reminders")]

    operations = [migrations.RunPython(reading_time_from_revision, migrations.RunPython.noop)]
