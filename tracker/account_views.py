"""Everything of a user's, from the profile page: the data export and the account's deletion.
They live with the log because the log is most of what they carry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from accounts.forms import DeleteAccountForm
from accounts.throttles import throttle_posts
from core.jobs import JobStatus, enqueue
from tracker.data import account_size, delete_account
from tracker.models import ExportJob
from tracker.tasks import export_data


@login_required
def export(request):
    """The data export: a POST asks for a new one, built by a worker (tracker/tasks.py); the
    page shows the latest one's state, and its download once it is ready."""
    if request.method == "POST":
        job = ExportJob.objects.create(user=request.user)
        enqueue(export_data, job)
        return redirect("accounts:export")
    job = ExportJob.objects.filter(user=request.user).first()
    return render(request, "accounts/export.html", {"job": job})


@login_required
def export_file(request, job_id):
    """A finished export of the user's, as a JSON file download."""
    job = get_object_or_404(ExportJob, pk=job_id, user=request.user, status=JobStatus.DONE)
    response = HttpResponse(job.content, content_type="application/json")
    day = timezone.localdate(job.finished_at).isoformat()
    filename = f"magnesium-tracker-{request.user.username}-{day}.json"
    # RFC 6266: an ASCII filename for old clients and filename* for the rest (a user name in any script).
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Limited per address: the password check must not become a way to guess passwords.
@login_required
@throttle_posts("account_delete")
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        # The session row is gone with the others; start an empty one for the message.
        request.session.flush()
        request.user = AnonymousUser()
        messages.success(request, "Your account and all your data have been deleted.")
        return redirect("tracker:today")
    return render(request, "accounts/delete.html", {"form": form, "size": account_size(request.user)})
