"""Importing a Cronometer export in a real browser, from the data page: upload, preview with a
supplement to confirm, confirm, the saved import; axe on every new page at both widths."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.e2e.navigation import nav_link
from tests.factories import make_profile
from tests.tracker.test_cronometer_import import CUPS, SUPPLEMENT_ROWS, cronometer_rows, csv_bytes
from tracker.models import IntakeEntry, SupplementEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def dana():
    user = User.objects.create_user("dana", "dana@example.com", "Kale&Quinoa-2026")
    make_profile(user)
    return user


@pytest.mark.parametrize("width", [1280, 375])
def test_upload_preview_confirm(page, live_server, dana, check_a11y, console_errors, width, tmp_path):
    rows, _ = cronometer_rows(days=3)
    servings = tmp_path / "servings.csv"
    servings.write_bytes(csv_bytes(rows + SUPPLEMENT_ROWS[:1] + CUPS[:1]))
    bad = tmp_path / "bad.csv"
    broken = [list(row) for row in rows]
    broken[4][4] = "1.00"
    bad.write_bytes(csv_bytes(broken))

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("Kale&Quinoa-2026")
    page.get_by_role("button", name="Log in").click()
    nav_link(page, "Profile").click()
    page.get_by_role("link", name="Download all your data").click()
    page.get_by_role("link", name="Import your log from Cronometer or a CSV file").click()
    check_a11y()  # the upload page

    page.get_by_label("Cronometer “Servings” export").check()
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-problems")).to_contain_text(
        "Line 6: Amount “1.00” is not a number and a unit"
    )
    check_a11y()  # the page naming the bad row

    page.get_by_label("CSV file").set_input_files(str(servings))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#import-summary")).to_contain_text("13 food entries on 3 days")
    expect(page.locator("#products")).to_contain_text("Magnesium Glycinate 120 mg")
    check_a11y()  # the preview
    page.get_by_label("Grams in 1 cup of “Oatmeal, Cooked”").fill("234")
    page.get_by_label("Magnesium form of “Magnesium Glycinate 120 mg”").select_option("glycinate")
    page.get_by_label(
        "Elemental magnesium per dose of “Magnesium Glycinate 120 mg” (mg, from the label)"
    ).fill("120")
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator("#import-job")).to_contain_text("Imported 13 food entries and 1 supplement entry.")
    check_a11y()  # the finished import
    assert IntakeEntry.objects.filter(user=dana).count() == 13
    assert SupplementEntry.objects.get(user=dana).magnesium_mg == 240
    assert console_errors == []
