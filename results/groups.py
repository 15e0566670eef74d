"""The Editors group: people who keep results right, and nothing else."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"


def sync_editors_group(**kwargs):
    """Give Editors every permission on the results app and none elsewhere.

    Runs after each ``migrate`` (post_migrate), so models added later are covered too.
    """
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(Permission.objects.filter(content_type__app_label="results"))
