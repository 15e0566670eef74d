"""Fast entry: a race's results pasted as a table into the race's admin page, previewed row by row
with each name matched (near matches offered as "use existing" or "create new"), then saved by the
importer's own path, in one transaction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from results.admin.editor_words import for_editors
from results.admin.imports import (
    chosen_readings,
    preview_then_import,
    readings_offered,
    refused_as_too_big,
    with_choices,
)
from results.forms import PasteForm
from results.importers.log import describe
from results.importers.report import ReportError
from results.models import Event, ImportRun
from results.names import name_key

PASTED = "pasted table"


def paste_view(model_admin, request, pk):
    event = get_object_or_404(Event.objects.select_related("season__series", "track"), pk=pk)
    if not model_admin.has_change_permission(request, event) or not request.user.has_perm("results.add_importrun"):
        raise PermissionDenied
    too_big = refused_as_too_big(request, source=PASTED)
    form = PasteForm(with_choices(request.POST) if request.method == "POST" and too_big is None else None)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Paste results: {event.season} round {event.round}, {event.track}",
        "event": event,
        "form": form,
        "opts": Event._meta,
        "original": event,
    }
    if too_big is not None:
        context["error"] = for_editors(too_big)[1]
    if not form.is_bound or not form.is_valid():
        return TemplateResponse(request, "admin/results/event/paste.html", context)
    data, options = form.cleaned_data["text"], form.options(event)
    try:
        attempt = preview_then_import(data, PASTED, options, request, event=event)
    except ReportError as error:
        choices = readings_offered(error, data, PASTED, options, request.user)
        context.update(error=for_editors(error)[1], choices=choices, chosen=chosen_readings(request.POST))
        return TemplateResponse(request, "admin/results/event/paste.html", context)
    if attempt.run is not None:
        run = attempt.run
        if run.outcome == ImportRun.Outcome.UNCHANGED:  # saved twice (a double click, a second tab): said so
            said = f"Nothing changed: the race already has these results (import run #{run.pk})."
            model_admin.message_user(request, said, messages.INFO)
        else:
            said = f"{run.entries_written} results saved (import run #{run.pk})."
            model_admin.message_user(request, said, messages.SUCCESS)
        return redirect("admin:results_event_change", event.pk)
    preview, by_key = attempt.preview, {(m.kind, m.key): m for m in attempt.decisions.matches}
    context.update(
        error=for_editors(attempt.error)[1] if attempt.error else None,
        preview=preview,
        summary=describe(preview),
        rows=[
            (row, by_key.get(("driver", name_key(row.driver))), by_key.get(("team", name_key(row.team))))
            for row in (preview.report.rows if preview.report else [])
        ],
        decisions=attempt.decisions,
    )
    return TemplateResponse(request, "admin/results/event/paste.html", context)
