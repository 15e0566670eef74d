"""The Editors group: people who keep results right, and nothing else."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"


# The audit trail: editors read it; only superusers may change or delete it.
AUDIT_ONLY = ["change_importrun", "delete_importrun", "add_merge", "change_merge", "delete_merge"]


def sync_editors_group(**kwargs):
    """Give Editors every permission on the results app but rewriting its audit trail, and none elsewhere.

    Runs after each ``migrate`` (post_migrate), so models added later are covered too.
    """
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(Permission.objects.filter(content_type__app_label="results").exclude(codename__in=AUDIT_ONLY))
