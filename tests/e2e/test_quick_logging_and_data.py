"""Faster logging and "your data" in a real browser, with axe on every page: star a food, log it
again in one click, copy the day, download everything, delete the account."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_food, make_portion, make_profile
from tracker.models import IntakeEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"


@pytest.fixture
def carol():
    pumpkin = make_food(PUMPKIN, fdc_id=170556)
    make_portion(pumpkin, "1 oz", "28.35")
    user = User.objects.create_user("carol", "carol@example.com", "Kale&Quinoa-2026")
    make_profile(user)
    return user


@pytest.mark.parametrize("width", [1280, 375])
def test_star_log_again_copy_export_delete(page, live_server, carol, check_a11y, console_errors, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill("Kale&Quinoa-2026")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Add food to lunch").click()
    check_a11y()  # the food list with empty favourites and recent foods
    page.get_by_label("Search foods").fill("pumpkin")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=PUMPKIN, exact=True).click()
    page.get_by_role("button", name=f"Add {PUMPKIN} to favourites").click()
    expect(page.get_by_role("button", name=f"Remove {PUMPKIN} from favourites")).to_be_visible()
    check_a11y()
    page.get_by_role("link", name="Log this food").click()
    page.get_by_label("Portion").select_option(label="1 oz (28.35 g)")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Log it").click()

    page.get_by_role("link", name="Add food to dinner").click()
    favourites = page.locator("section[aria-labelledby=favourites-title]")
    expect(favourites).to_contain_text("Last time: 2 × 1 oz (56.7 g)")
    check_a11y()
    favourites.get_by_role("button", name=f"Log again {PUMPKIN}").click()
    expect(page.locator(".summary .total")).to_contain_text("671 mg")  # 2 × 335.7 mg
    check_a11y()

    tomorrow = timezone.localdate() + timedelta(days=1)
    expect(page.get_by_label("Copy to:", exact=True)).to_be_hidden()  # folded away until asked for
    page.get_by_text("Copy to another date").click()
    page.get_by_label("Copy to:", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("What to copy").select_option(label="The whole day")
    page.get_by_role("button", name="Copy", exact=True).click()
    expect(page).to_have_url(re.compile(f"/day/{tomorrow.isoformat()}/$"))
    expect(page.get_by_text("Copied 2 foods to")).to_be_visible()
    check_a11y()

    page.get_by_role("link", name="Profile").click()
    check_a11y()
    page.get_by_role("link", name="Download all your data").click()
    page.get_by_role("button", name="Prepare my data").click()  # a job; here it runs at once
    check_a11y()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    data = json.loads(open(download.value.path()).read())
    assert data["counts"]["entries"] == 4 and data["counts"]["favourites"] == 1
    page.get_by_role("link", name="Back to your profile").click()

    page.get_by_role("link", name="Delete your account").click()
    check_a11y()
    page.get_by_label("Your password").fill("Kale&Quinoa-2026")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account and all your data have been deleted.")).to_be_visible()
    assert not User.objects.filter(username="carol").exists()
    assert IntakeEntry.objects.count() == 0
    assert console_errors == []
    assert len(check_a11y.pages) == 8
