"""The import log (read-only for editors; superusers only may edit or delete a run), and the page
where editors import a report without a shell."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join

from results import reverts
from results.admin.editor_words import for_editors
from results.admin.near_matches import Decisions, decide
from results.audit import CHANGE, log
from results.forms import ImportForm
from results.importers.decode import MAX_BYTES
from results.importers.log import describe, record, record_failure
from results.importers.readings import describe_option, settle_value
from results.importers.report import ReportError
from results.importers.writer import Outcome, import_report
from results.matching import KINDS
from results.models import Event, ImportRun

IMPORT_FIELDSETS = [
    ("The report", ["file", "text", "source_name", "decoded_from"]),
    ("Facts the report may not state", ["series", "year", "round", "date", "track", "name", "format", "encoding"]),
    ("Readings chosen", ["numbers"]),
]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "source", "outcome", "entries_written", "user", "via", "races"]
    list_filter = ["outcome", "via"]
    search_fields = ["source", "summary", "error"]
    readonly_fields = [
        "started_at",
        "user",
        "via",
        "source",
        "format",
        "outcome",
        "entries_written",
        "races",
        "changes",
        "summary",
        "warnings",
        "error",
        "reverted_at",
        "reverted_by",
    ]
    list_select_related = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("events__season__series", "events__track")

    @admin.display(description="Race")
    def races(self, obj):
        return (
            format_html_join(
                ", ",
                '<a href="{}">{} round {}, {}</a>',
                (
                    (reverse("admin:results_event_change", args=[e.pk]), e.season, e.round, e.track)
                    for e in obj.events.all()
                ),
            )
            or "—"
        )

    @admin.display(description="Changes")
    def changes(self, obj):
        """What the import changed in a race that had results (the summary's "changed:" lines)."""
        lines = [line.strip().removeprefix("changed: ") for line in obj.summary.splitlines() if "changed: " in line]
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines)) or "—"

    def has_add_permission(self, request):
        return False  # runs are added by importing, on the import page

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser  # the log is the audit trail: editors read it

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="results_importrun_import"),
            path("<int:pk>/revert/", wrap(self.revert_view), name="results_importrun_revert"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = get_object_or_404(ImportRun, pk=object_id)
        extra = {"revert_refusal": reverts.refusal(run), "can_revert": request.user.has_perm("results.change_event")}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def revert_view(self, request, pk):
        run = get_object_or_404(ImportRun, pk=pk)
        if request.method != "POST" or not request.user.has_perm("results.change_event"):
            raise PermissionDenied
        try:
            event = reverts.revert(run, user=request.user)
        except reverts.RevertRefused as error:
            self.message_user(request, f"Not reverted: {error}", messages.ERROR)
            return redirect("admin:results_importrun_change", pk)
        if event is None:
            self.message_user(request, "Reverted: the race this import created is gone.", messages.SUCCESS)
            return redirect("admin:results_importrun_change", pk)
        self.message_user(request, "Reverted: the race is as it was before this import.", messages.SUCCESS)
        return redirect("admin:results_event_change", event.pk)

    def import_view(self, request):
        if not request.user.has_perm("results.add_importrun"):
            raise PermissionDenied
        too_big = refused_as_too_big(request, source="pasted report")
        posted = request.method == "POST" and too_big is None
        form = ImportForm(with_choices(request.POST) if posted else None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "title": "Import a race report", "opts": self.model._meta}
        if too_big is not None:
            context.update(error=for_editors(too_big)[1])
        valid = posted and form.is_valid()
        if form.refused is not None:  # the import log holds every attempt, refused uploads included
            record_failure(form.refused.source, form.refused, user=request.user, via="admin")
            context.update(error=for_editors(form.refused)[1])  # shown as the importer's other refusals are
        elif posted and not valid and form.cleaned_data.get("source_name"):
            # a mistyped fact (a date, a year): marked on its field, the file read kept as text to send again
            form = carried_as_text(request, form.cleaned_data)
        if valid:
            data = form.cleaned_data
            carried = carried_as_text(request, data)

            def refused(error):
                field, words = for_editors(error, fields=carried.fields)
                if field:
                    carried.add_error(field, words)
                choices = readings_offered(error, form.report(), data["source"], form.options(), request.user)
                context.update(error=words, choices=choices, chosen=chosen_readings(request.POST))

            try:
                attempt = preview_then_import(form.report(), data["source"], form.options(), request)
            except ReportError as error:
                refused(error)
            else:
                if attempt.run is not None:
                    self.message_user(request, " ".join(describe(attempt.outcome)[:3]), messages.SUCCESS)
                    return redirect("admin:results_importrun_change", attempt.run.pk)
                if attempt.error is not None:
                    refused(attempt.error)
                context.update(outcome=attempt.preview, summary=describe(attempt.preview), preview=True)
                context.update(decisions=attempt.decisions)
            form = carried
        context.update(
            form=form, fieldsets=[(title, [form[name] for name in names]) for title, names in IMPORT_FIELDSETS]
        )
        return TemplateResponse(request, "admin/results/importrun/import.html", context)


def carried_as_text(request, data):
    """The form again, carrying the report as text, and a file's name and encoding with it: from the
    first preview on, the file need not be chosen again. ``data`` may be a refused form's: a field it
    lacks (a hidden one altered) is sent empty."""
    carried = ImportForm(
        {
            **with_choices(request.POST).dict(),
            **{name: data.get(name, "") for name in ("text", "source_name", "decoded_from")},
        }
    )
    carried.is_valid()
    return carried


@dataclass
class Attempt:
    """An admin import: its preview (a dry run), the near matches the editor decides, and the import
    itself once confirmed with each decided (or why the database refused it)."""

    preview: Outcome
    decisions: Decisions
    outcome: Outcome | None = None
    error: ReportError | None = None

    @property
    def run(self) -> ImportRun | None:
        """The run that logged the import, once it is saved."""
        return self.outcome.run if self.outcome is not None else None


def preview_then_import(data, source, options, request, *, event=None) -> Attempt:
    """The one path of both admin imports (Import a report, Paste results). The preview is a dry run
    (logged as one) read as the editor chose: with "use existing" spellings as aliases, so it shows the
    known track, team or driver, not a new one. A confirmation reads the report again that way,
    unlogged, to check the editor's choices against the database as it is now (another editor may have
    added a name since the preview), then imports it with those aliases added first: one run logged,
    the one that wrote (or its failure; or, when a choice is now missing, the dry run that asks for
    it). Raises ReportError when the report cannot be read; a report that the choices make refused
    comes back as the Attempt's error, its choices still offered."""
    confirm = "confirm" in request.POST
    # a first read finds the near names; logged only when it is the preview shown (nothing chosen to apply)
    logged = not confirm and not chooses_existing(request.POST)
    try:
        preview = import_report(data, source, options, dry_run=True, user=request.user, via="admin", logged=logged)
    except ReportError as error:
        if not logged:
            record_failure(source, error, user=request.user, via="admin")
        raise
    decisions = decide(preview, request.POST)
    attempt = Attempt(preview, decisions)
    # the preview shown reads the report as chosen; a confirmation's import applies the choices itself
    if decisions.existing and (not confirm or decisions.undecided):
        try:
            attempt.preview = preview = dry_run_as_chosen(data, source, options, request.user, decisions)
        except ReportError as error:
            record_failure(source, error, user=request.user, via="admin")
            attempt.error = error
            return attempt
    if not confirm:
        decisions.undecided = []  # a preview asks; only a confirmation insists
        if not logged:
            preview.run = record(preview, user=request.user, via="admin")
    elif decisions.undecided:
        preview.run = record(preview, user=request.user, via="admin")  # shown again: a preview after all
    else:
        # the import reads the report again: the preview's copies of its text go first (a 5 MB report's
        # confirmation peaked over 200 MB with them)
        if preview.report is not None:
            preview.report.text = preview.report.prose = ""
        if preview.event is not None:
            preview.event.report_text = ""
        try:
            attempt.outcome = import_with_history(data, source, options, request.user, event=event, decisions=decisions)
        except ReportError as error:
            attempt.error = error
    return attempt


def chooses_existing(post) -> bool:
    """Whether the form carries a "use existing" choice (a record's id for a near name)."""
    return any(name.partition("-")[0] in KINDS and value.isdigit() for name, value in post.items())


def dry_run_as_chosen(data, source, options, user, decisions):
    """The dry run with the editor's "use existing" spellings added as aliases, all rolled back: what
    the confirmation will write. Unlogged: the caller logs the preview it shows."""
    with transaction.atomic():
        decisions.add_aliases()
        outcome = import_report(data, source, options, dry_run=True, user=user, via="admin", logged=False)
        transaction.set_rollback(True)
    return outcome


def refused_as_too_big(request, *, source):
    """The error of a request too big to read (``results.middleware``), logged as a failed import
    run, or None. ``source``: what the report is called when the request does not name a file."""
    if getattr(request, "report_too_big", None) is None:
        return None
    size, name = request.report_too_big
    mb = 1024 * 1024
    error = ReportError(
        f"the report sent is {size / mb:.1f} MB ({size:,} bytes): too big to read",
        source=name or source,
        expected=f"a report under {MAX_BYTES // mb} MB (the form may send up to "
        f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // mb} MB): split the file",
    )
    record_failure(error.source, error, user=request.user, via="admin")
    return error


def readings_to_choose(error):
    """(line, text, [(value, label)]) per line an Ambiguous error lists: the preview's choices, each
    the "Driver=NUMBER" that settles the line on that reading."""
    choices = []
    for line, text, options in getattr(error, "choices", []):
        with_names = len({option[:2] for option in options}) > 1
        choices.append((line, text, [(settle_value(o), describe_option(o, with_names)) for o in options]))
    return choices


def readings_offered(error, data, source, options, user):
    """The readings to choose from after a refusal: the error's own; or, when the car numbers chosen
    made the report refused (two lines given one start), those of the report read without them, so
    the editor changes a choice instead of clearing the Car numbers to be asked again."""
    choices = readings_to_choose(error)
    if choices or not options.numbers:
        return choices
    try:
        import_report(data, source, replace(options, numbers={}), dry_run=True, user=user, via="admin", logged=False)
    except ReportError as unchosen:
        return readings_to_choose(unchosen)
    return []


def chosen_readings(post) -> set[str]:
    """The "Driver=NUMBER" lines chosen so far (Car numbers and the preview's choices): each shows selected."""
    return {line.strip() for line in with_choices(post).get("numbers", "").splitlines() if line.strip()}


def with_choices(post):
    """The posted form with each reading chosen in the preview ("choice": "Driver=NUMBER") added to
    its car numbers: the editor settles an ambiguous line without retyping the table."""
    chosen = [value for value in post.getlist("choice") if value]
    if not chosen:
        return post
    post = post.copy()
    post["numbers"] = "\n".join([*filter(None, post.get("numbers", "").splitlines()), *chosen])
    return post


def import_with_history(data, source, options, user, *, event=None, decisions=None):
    """An admin import: the aliases the editor chose (``decisions``), the import and its run, and a line
    in the history of the race and of each record given another name, in one transaction. ``event``: the
    race the report must describe. A failure is logged after the rollback (the importer's own failure
    log is inside it)."""
    try:
        with transaction.atomic():
            if decisions is not None:
                decisions.add_aliases()
            outcome = import_report(data, source, options, user=user, via="admin")
            if event is not None and (outcome.event is None or outcome.event.pk != event.pk):
                raise ReportError(
                    "the results describe another race", source=source, expected=f"the results of {event}"
                )
            if outcome.event is not None and outcome.run is not None:
                taken = decisions.taken_as() if decisions is not None else ""
                log(user, Event, outcome.event.pk, outcome.event, CHANGE, history_line(outcome) + taken)
                if decisions is not None:
                    decisions.log_aliases(user, outcome)
    except ReportError as error:
        record_failure(source, error, user=user, via="admin")
        raise
    return outcome


def history_line(outcome):
    return (
        f"Imported from {outcome.source}: {outcome.result.label.lower()}, {outcome.entries_written} entries "
        f"(import run #{outcome.run.pk})."
    )
