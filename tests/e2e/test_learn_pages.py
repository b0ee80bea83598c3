"""The learning pages in a real browser at desktop and phone widths, with axe on each."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learn.content import PAGES
from tests.factories import make_food, make_portion, make_profile

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PASSWORD = "Kale&Quinoa-2026"


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("reader", ["anonymous", "ckd"])
def test_learning_pages_are_accessible(
    page, live_server, django_user_model, check_a11y, console_errors, reader, width
):
    make_portion(make_food(source_id="12061"), "1 oz", "28.35")
    page.set_viewport_size({"width": width, "height": 900})
    if reader == "ckd":
        make_profile(django_user_model.objects.create_user("kidney", password=PASSWORD), has_ckd=True)
        page.goto(f"{live_server.url}{reverse('login')}")
        page.get_by_label("Username").fill("kidney")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Kidney disease: ask your clinician")).to_be_visible()

    for url_name in ["learn:index", *(f"learn:{slug}" for slug in PAGES)]:
        page.goto(f"{live_server.url}{reverse(url_name)}")
        expect(page.get_by_text("Education, not medical advice").first).to_be_visible()
        notice = page.get_by_role("heading", name="Kidney disease: ask your clinician")
        expect(notice).to_have_count(1 if reader == "ckd" else 0)
        check_a11y()
    assert console_errors == []
