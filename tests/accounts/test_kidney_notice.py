"""Issue 12 (accounts/): the context processor gives every template `has_ckd`, so base.html shows
the CKD notice on every page a user with CKD sees, once, and on none for anyone else."""

import pytest
from django.urls import get_resolver

from tests.factories import make_food, make_portion, make_profile
from tests.test_security import sample_path, walk

pytestmark = pytest.mark.django_db
NOTICE = "Kidney disease: ask your clinician"
# The offline page is the same for everyone: the service worker keeps one copy for any user.
NOT_PERSONAL = {"offline"}


def html_pages(client):
    """(route name, URL, page) for every route that answers a GET with an HTML page."""
    for route, name in walk(get_resolver()):
        if route.startswith(("static/", "admin/", "api/")) or name in NOT_PERSONAL:
            continue
        url = sample_path(route)
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            yield name, url, response.content.decode()


@pytest.mark.parametrize("has_ckd", [True, False])
def test_every_page_shows_the_ckd_notice_once_to_a_user_with_ckd_and_never_to_others(client, user, has_ckd):
    make_profile(user, has_ckd=has_ckd)
    make_portion(make_food())  # food 1, for the routes that take a food
    client.force_login(user)
    pages = list(html_pages(client))
    assert len({name for name, _, _ in pages}) >= 30  # the day, foods, trends, learn, account pages...
    wrong = [(name, url) for name, url, page in pages if page.count(NOTICE) != int(has_ckd)]
    assert wrong == []
