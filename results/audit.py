"""The admin history (Django's LogEntry) for writes that are not a plain admin form: merges, splits,
imports and reverts. Each appears in the history of every record it changed."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

__all__ = ["ADDITION", "CHANGE", "DELETION", "log"]


def log(user, model, pk, label, flag, message):
    """One line in the history of ``model`` #``pk`` (which may no longer exist). Writes made without a
    signed-in user (a shell, a command) have no history line: LogEntry requires a user."""
    if user is None or not user.pk:
        return None
    return LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(pk),
        object_repr=str(label)[:200],
        action_flag=flag,
        change_message=message,
    )
