"""Everything of a user's, from the profile page: the data export and the account's deletion.
They live with the log because the log is most of what they carry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from accounts.forms import DeleteAccountForm
from accounts.throttles import throttle_posts
from tracker.data import account_size, delete_account, user_data


@login_required
def export(request):
    """Everything of the user's as a JSON file download."""
    response = JsonResponse(
        user_data(request.user), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    filename = f"magnesium-tracker-{request.user.username}-{timezone.localdate().isoformat()}.json"
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
