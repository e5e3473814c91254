from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from literacy.accounts.roles import EDUCATORS, REVIEWERS

DEMO_ACCOUNTS = (
    ("demo-educator", "Demo Educator", EDUCATORS),
    ("demo-reviewer", "Demo Reviewer", REVIEWERS),
)
DEMO_PASSWORD = "try-the-demo-2026"  # noqa: S105 - printed for local demos; refused without DEBUG  # nosec B105


class Command(BaseCommand):
    help = "Create (or reset) the demo educator and reviewer accounts and print their credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: demo passwords are public.")
        for username, name, role in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"  {role:<10} username: {username:<14} password: {DEMO_PASSWORD}")
