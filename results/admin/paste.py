"""Fast entry: a race's results pasted as a table into the race's admin page, previewed row by row
with each name matched (near matches offered as "use existing" or "create new"), then saved by the
importer's own path, in one transaction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from results.admin.editor_words import for_editors
from results.admin.imports import import_with_history, readings_to_choose, with_choices
from results.forms import PasteForm
from results.importers.log import describe
from results.importers.report import ReportError
from results.importers.writer import import_report
from results.matching import KINDS, match_names
from results.models import Event
from results.names import name_key

PASTED = "pasted table"


def _matches(outcome):
    rows = outcome.report.rows if outcome.report else []
    return match_names("driver", [r.driver for r in rows]) + match_names("team", [r.team for r in rows])


def _choices(post, matches):
    """The editor's choice for each near match: an existing record, or None for "create new".
    Returns (choices, names still undecided)."""
    chosen: dict[str, object] = {}
    undecided: list[str] = []
    for match in matches:
        if not match.is_new or not match.near:
            continue
        value = post.get(match.field_name, "")
        if value == "new":
            chosen[match.key] = None
        else:
            record = next((r for r in match.near if str(r.pk) == value), None)
            if record is None:
                undecided.append(match.name)
            else:
                chosen[match.key] = record
    return chosen, undecided


def paste_view(model_admin, request, pk):
    event = get_object_or_404(Event.objects.select_related("season__series", "track"), pk=pk)
    if not model_admin.has_change_permission(request, event) or not request.user.has_perm("results.add_importrun"):
        raise PermissionDenied
    form = PasteForm(with_choices(request.POST) if request.method == "POST" else None)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Paste results: {event.season} round {event.round}, {event.track}",
        "event": event,
        "form": form,
        "opts": Event._meta,
        "original": event,
    }
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "admin/results/event/paste.html", context)
    data, source, options = form.cleaned_data["text"].encode("utf-8"), PASTED, form.options(event)
    confirm = "confirm" in request.POST
    try:
        # the confirmation reads the rows again (a dry run, logged as one) to check the editor's choices
        preview = import_report(data, source, options, dry_run=True, user=request.user, via="admin")
    except ReportError as error:
        context.update(error=for_editors(error)[1], choices=readings_to_choose(error))
        return TemplateResponse(request, "admin/results/event/paste.html", context)
    matches = _matches(preview)
    chosen, undecided = _choices(request.POST, matches)
    if confirm and not undecided:
        try:
            outcome = import_with_history(
                data, source, options, request.user, event=event, before=lambda: _add_aliases(matches, chosen)
            )
        except ReportError as error:
            context["error"] = for_editors(error)[1]
        else:
            run = outcome.run
            model_admin.message_user(
                request, f"{outcome.entries_written} results saved (import run #{run.pk}).", messages.SUCCESS
            )
            return redirect("admin:results_event_change", event.pk)
    for m in matches:
        m.chosen = "" if m.key not in chosen else "new" if chosen[m.key] is None else str(chosen[m.key].pk)
    by_key = {(m.kind, m.key): m for m in matches}
    context.update(
        preview=preview,
        summary=describe(preview),
        rows=[
            (row, by_key.get(("driver", name_key(row.driver))), by_key.get(("team", name_key(row.team))))
            for row in (preview.report.rows if preview.report else [])
        ],
        decisions=[m for m in matches if m.is_new and m.near],
        undecided=undecided if confirm else [],
    )
    return TemplateResponse(request, "admin/results/event/paste.html", context)


def _add_aliases(matches, chosen):
    """ "Use existing": the pasted spelling becomes an alias of the chosen record, so the importer finds it."""
    for match in matches:
        record = chosen.get(match.key)
        if record is not None:
            alias_model = KINDS[match.kind][1]
            alias_model._default_manager.create(**{match.kind: record, "name": match.name})
