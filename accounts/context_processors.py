"""What every page needs to know about its user: whether they have CKD, and the notice they
are shown on every page if so (base.html)."""

from accounts.queries import user_has_ckd
from core import ckd


def kidney(request) -> dict:
    return {
        "has_ckd": user_has_ckd(request.user),
        "CKD_NOTICE": ckd.NOTICE,
        "CKD_NO_SUPPLEMENT_LIMIT": ckd.NO_SUPPLEMENT_LIMIT,
    }
