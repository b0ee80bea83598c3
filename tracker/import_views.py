"""Importing a log from elsewhere, from the data page: upload, preview, confirm (the saving runs
as a background job, tracker/tasks.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core import ckd
from core.jobs import enqueue
from tracker.importing import reading, saving
from tracker.importing.forms import ConfirmForm, UploadForm, key_of
from tracker.models import ImportFormat, LogImport
from tracker.tasks import import_log

READERS = {ImportFormat.CRONOMETER: reading.read_cronometer, ImportFormat.CSV: reading.read_plain_csv}


@login_required
def import_page(request):
    """The upload: a file that reads without a problem becomes an import to preview; one with
    any problem is refused whole, each bad row named with its line. Nothing is saved to the log here."""
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > reading.MAX_FILE_BYTES:
            problems = [reading.TOO_LARGE]
        else:
            result = READERS[form.cleaned_data["format"]](upload.read())
            problems = result.problems_shown
            if not problems and not result.rows and not result.supplements:
                problems = ["The file has no rows to import."]
            if not problems:
                job = LogImport.objects.create(
                    user=request.user,
                    format=form.cleaned_data["format"],
                    file_name=upload.name[:255],
                    rows=result.rows,
                    supplements=result.supplements,
                )
                return redirect("tracker:import_preview", job.pk)
    latest = LogImport.objects.filter(user=request.user, is_confirmed=True).first()
    return render(request, "tracker/import.html", {"form": form, "problems": problems, "latest": latest})


@login_required
def import_preview(request, pk):
    """Before confirming: what the import adds (per day, its entries and magnesium), the
    supplement products to confirm and, for a plain CSV, the food chosen for each name. After:
    the job's state."""
    job = get_object_or_404(LogImport, pk=pk, user=request.user)
    if job.is_confirmed:
        return render(request, "tracker/import_status.html", {"job": job})
    names: list = []
    queries: dict[str, str] = {}
    if job.format == ImportFormat.CSV:
        # A name may be searched as other words (the "search again" button) to find its food.
        for name in dict.fromkeys(row["name"] for row in job.rows):
            typed = request.POST.get(f"search_{key_of(name)}", "").strip()[:100]
            queries[name] = typed or name
        names = saving.food_options(request.user, queries)
    preview = saving.preview_of(job, {name: options[0] if options else None for name, options in names})
    bound = request.method == "POST" and "search_again" not in request.POST
    form = ConfirmForm(
        request.POST if bound else None, products=preview.products, names=names, weights=preview.weights
    )
    if bound and form.is_valid():
        job.choices = {
            "supplements": form.supplement_choices(),
            "foods": form.food_choices(),
            "weights": form.weight_choices(),
        }
        # Only the first confirmation counts: a form sent twice queues nothing more.
        if LogImport.objects.filter(pk=job.pk, is_confirmed=False).update(
            is_confirmed=True, choices=job.choices
        ):
            job.is_confirmed = True
            enqueue(import_log, job)
        else:
            messages.info(request, "This import was already confirmed.")
        return redirect("tracker:import_preview", job.pk)
    unmatched = [name for name, options in names if not options]
    searches = [(name, key_of(name), queries[name]) for name, _ in names]
    context = {
        "job": job,
        "preview": preview,
        "form": form,
        "names": names,
        "unmatched": unmatched,
        "searches": searches,
        "ckd_warning": ckd.SUPPLEMENT_WARNING,
    }
    return render(request, "tracker/import_preview.html", context)
