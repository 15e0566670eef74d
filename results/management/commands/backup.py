from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate in any database, so a backup leaves them out. The admin log (who changed,
# merged, imported or reverted what) is kept: it is the audit trail.
DERIVED = ["contenttypes", "auth.permission", "sessions"]
# Login attempts and lockouts (django-axes) are short-lived security state, not the site's data.
TRANSIENT = ["axes"]


class Command(BaseCommand):
    help = (
        "Write every result, name, import log, admin history entry, user and group to FILE (Django's JSON fixture format; "
        "FILE ending in .gz is compressed). Restore with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write, e.g. backup-2026-11-25.json.gz")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *[f"--exclude={a}" for a in DERIVED + TRANSIENT],
            output=file,
            verbosity=0,
        )
        self.stdout.write(f"backup written to {file}")
