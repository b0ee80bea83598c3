"""Issue 17, item 2 in the browser, at phone and desktop widths with axe on each page: from the
report, a share is made and its link copied; a browser that never logged in opens it and sees
the report and nothing of the account; after the owner revokes it, the link is a 404."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import WCAG_AA
from tests.e2e.test_logging_at_the_table import log_in
from tests.factories import make_entry, make_food, make_supplement
from tracker.models import Share

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def page_width(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


@pytest.mark.parametrize(("width", "has_ckd"), [(375, False), (1280, True)])
def test_a_share_made_from_the_report_opens_for_a_stranger_until_revoked(
    page, browser, live_server, check_a11y, console_errors, width, has_ckd
):
    owner = log_in(page, live_server, "nora", width, has_ckd=has_ckd)
    today = timezone.localdate()
    seeds = make_food()
    for back in range(5):
        make_entry(owner, seeds, amount_g="30", on=today - timedelta(days=back))
    make_supplement(owner, on=today, name="Nora's citrate")

    page.goto(f"{live_server.url}{reverse('tracker:report')}")
    page.get_by_role("link", name="Share this report with your clinician").click()
    expect(page.get_by_role("heading", name="Share your report with a clinician")).to_be_visible()
    check_a11y()
    page.get_by_label("Last how many days").fill("30")
    page.get_by_role("button", name="Create link").click()
    link = page.get_by_label("Copy it now: it is shown only this once.")
    expect(link).to_be_visible()
    url = link.input_value()
    assert url.startswith(f"{live_server.url}/shared/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url
    expect(page.get_by_role("cell", name="Last 30 days")).to_be_visible()
    check_a11y()
    assert page_width(page)[0] <= page_width(page)[1]

    stranger = browser.new_context(viewport={"width": width, "height": 800})
    shared = stranger.new_page()
    shared.set_default_timeout(10_000)
    response = shared.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(shared.get_by_role("heading", name="Magnesium intake report")).to_be_visible()
    expect(shared.get_by_role("cell", name=seeds.name)).to_be_visible()
    expect(shared.get_by_text("Nora's citrate")).to_be_visible()
    kidney = shared.get_by_text(re.compile("they have chronic kidney disease"))
    expect(kidney).to_be_visible() if has_ckd else expect(kidney).to_have_count(0)
    assert shared.locator("nav").count() == 0 and shared.locator("main a").count() == 0
    assert "nora" not in shared.content().lower().replace("nora's citrate", "").replace(
        "nora&#x27;s citrate", ""
    )
    assert stranger.cookies() == []
    assert page_width(shared)[0] <= page_width(shared)[1]
    check_a11y_on(shared)

    share = Share.objects.get(user=owner)
    page.reload()
    expect(page.get_by_role("cell", name="1 time")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.get_by_role("cell", name="Revoked")).to_be_visible()
    assert Share.objects.get(pk=share.pk).revoked_at is not None

    response = shared.goto(url)
    assert response.status == 404
    expect(shared.get_by_role("heading", name="This link does not open a report")).to_be_visible()
    check_a11y_on(shared)
    stranger.close()
    assert console_errors == []


def check_a11y_on(page):
    """axe on a page of another browser context (the check_a11y fixture runs on `page`)."""
    result = Axe().run(page, options=WCAG_AA)
    violations = [f"{v['id']}: {v['help']}" for v in result.response["violations"]]
    assert violations == [], f"{page.url}: {violations}"
