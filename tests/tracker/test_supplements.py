from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.core.reference_tables import born_months_before
from tests.factories import make_entry, make_food, make_profile, make_supplement
from tests.pages import section, text
from tracker.models import SupplementEntry
from tracker.summary import day_summary

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 10)
FORM = {"date": ON.isoformat(), "name": "Mag Plus", "form": "citrate", "elemental_mg": "", "doses": "1"}
ALL_URLS = [
    "/supplements/",
    "/supplements/new/",
    "/supplements/1/edit/",
    "/supplements/1/delete/",
    "/supplements/1/again/",
]


def log(client, **data):
    return client.post(reverse("tracker:supplement_new"), {**FORM, **data})


def page_of(client, day=ON):
    return client.get(f"/supplements/?date={day.isoformat()}")


@pytest.mark.parametrize("url", ALL_URLS)
def test_supplement_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_log_with_the_label_figure(alice_client, user):
    response = log(alice_client, elemental_mg="200", doses="2")
    assert response.url == f"/supplements/?date={ON.isoformat()}"
    entry = SupplementEntry.objects.get()
    assert (entry.user, entry.date, entry.name, entry.form) == (user, ON, "Mag Plus", "citrate")
    assert (entry.elemental_mg, entry.compound_mg, entry.doses, entry.magnesium_mg) == (200, None, 2, 400)
    assert "Logged Mag Plus." in alice_client.get(response.url).content.decode()


def test_acceptance_500_mg_oxide_without_a_label_figure_counts_as_301_5_mg(alice_client, user):
    log(alice_client, form="oxide", compound_mg="500")
    entry = SupplementEntry.objects.get()
    assert (entry.elemental_mg, entry.elemental_per_dose_mg, entry.magnesium_mg) == (
        None,
        Decimal("301.5"),
        Decimal("301.5"),
    )
    assert day_summary(user, ON).supplement_magnesium_mg == Decimal("301.5")
    table = section(page_of(alice_client).content.decode(), "day-title")
    assert "301.5 mg worked out from 500 mg of compound" in table


def test_the_label_figure_wins_over_the_compound(alice_client):
    log(alice_client, form="oxide", compound_mg="500", elemental_mg="250")
    assert SupplementEntry.objects.get().magnesium_mg == Decimal("250")


@pytest.mark.parametrize(
    ("form", "compound", "expected"),
    [
        ("chloride", "1000", "255"),
        ("chloride_hexahydrate", "1000", "120"),
        ("sulfate", "1000", "202"),
        ("sulfate_heptahydrate", "1000", "99"),
    ],
)
def test_hydrates_are_their_own_forms(alice_client, form, compound, expected):
    log(alice_client, form=form, compound_mg=compound)
    assert SupplementEntry.objects.get().magnesium_mg == Decimal(expected)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {},
            "elemental_mg",
            "Enter the elemental magnesium per dose from the label, or the compound amount.",
        ),
        (
            {"form": "other", "compound_mg": "500"},
            "elemental_mg",
            "For “other”, enter the elemental magnesium",
        ),
        (
            {"elemental_mg": "600", "compound_mg": "500"},
            "elemental_mg",
            "cannot weigh more than the compound",
        ),
        ({"elemental_mg": "-5"}, "elemental_mg", "greater than or equal to 0.1"),
        ({"elemental_mg": "abc"}, "elemental_mg", "Enter a number."),
        ({"elemental_mg": "6000"}, "elemental_mg", "less than or equal to 5000"),
        ({"compound_mg": "60000"}, "compound_mg", "less than or equal to 50000"),
        ({"elemental_mg": "100", "doses": "0"}, "doses", "greater than or equal to 0.01"),
        ({"elemental_mg": "100", "doses": "51"}, "doses", "less than or equal to 50"),
        ({"elemental_mg": "100", "doses": ""}, "doses", "This field is required."),
        ({"elemental_mg": "100", "name": ""}, "name", "This field is required."),
        ({"elemental_mg": "100", "name": "x" * 121}, "name", "at most 120 characters"),
        ({"elemental_mg": "100", "form": "gluconate"}, "form", "Select a valid choice."),
        ({"elemental_mg": "100", "date": "2026-02-30"}, "date", "Enter a valid date."),
        # Found by the bad-input corpus: control characters were stored in names.
        ({"elemental_mg": "100", "name": "Mag\nPlus"}, "name", "Remove the control characters"),
        ({"elemental_mg": "100", "name": "Mag \x1b[2J"}, "name", "Remove the control characters"),
        ({"elemental_mg": "100", "name": "Mag \u202ePlus"}, "name", "Remove the control characters"),
    ],
)
def test_bad_supplement_input_gives_a_form_error_and_saves_nothing(alice_client, data, field, message):
    response = log(alice_client, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert SupplementEntry.objects.count() == 0


def test_new_form_starts_on_the_day_asked_for(alice_client):
    form = alice_client.get("/supplements/new/?date=2026-02-03").context["form"]
    assert (form.initial["date"], form.initial["doses"]) == (date(2026, 2, 3), 1)


def test_edit_recomputes_the_magnesium(alice_client, user):
    entry = make_supplement(user, elemental_mg="100", on=ON)
    url = reverse("tracker:supplement_edit", args=[entry.pk])
    assert alice_client.get(url).context["form"].instance == entry
    response = alice_client.post(
        url, {**FORM, "elemental_mg": "", "form": "oxide", "compound_mg": "1000", "doses": "2"}
    )
    assert response.url == f"/supplements/?date={ON.isoformat()}"
    entry.refresh_from_db()
    assert (entry.form, entry.elemental_mg, entry.magnesium_mg) == ("oxide", None, Decimal("1206"))


def test_delete_asks_first_then_removes_the_entry(alice_client, user):
    entry = make_supplement(user, on=ON)
    url = reverse("tracker:supplement_delete", args=[entry.pk])
    page = alice_client.get(url).content.decode()
    assert "Delete supplement?" in page
    assert "Magnesium citrate 200, 200 mg of magnesium on Tuesday 10 March 2026." in page
    assert SupplementEntry.objects.count() == 1
    assert alice_client.post(url).url == f"/supplements/?date={ON.isoformat()}"
    assert SupplementEntry.objects.count() == 0
    assert "Deleted Magnesium citrate 200 from 10 March." in page_of(alice_client).content.decode()


def test_another_users_supplements_are_never_shown_counted_or_changed(client, user, other_user):
    entry = make_supplement(user, name="Alice's citrate", elemental_mg="300", on=ON)
    client.force_login(other_user)
    for name in ("tracker:supplement_edit", "tracker:supplement_delete", "tracker:supplement_again"):
        url = reverse(name, args=[entry.pk])
        assert client.post(url, {**FORM, "elemental_mg": "5"}).status_code == 404
        if name != "tracker:supplement_again":
            assert client.get(url).status_code == 404
    assert client.get(f"/supplements/new/?from={entry.pk}").status_code == 404
    for url in (f"/supplements/?date={ON}", f"/day/{ON}/"):
        response = client.get(url)
        assert "Alice's citrate" not in response.content.decode()
        assert response.context["summary"].supplement_magnesium_mg == 0
    entry.refresh_from_db()
    assert (entry.elemental_mg, entry.magnesium_mg, SupplementEntry.objects.count()) == (300, 300, 1)


def test_recent_products_are_distinct_newest_first(alice_client, user, other_user):
    make_supplement(user, name="Citrate", on=date(2026, 3, 1))
    make_supplement(user, name="Citrate", on=date(2026, 3, 2))
    make_supplement(
        user, name="Oxide", form="oxide", elemental_mg=None, compound_mg=Decimal(500), on=date(2026, 2, 1)
    )
    make_supplement(user, name="Citrate", doses="2", on=date(2026, 1, 1))
    make_supplement(other_user, name="Bob's own", on=date(2026, 3, 5))
    recent = list(page_of(alice_client).context["recent"])
    assert [(p.name, p.date, p.doses) for p in recent] == [
        ("Citrate", date(2026, 3, 2), 1),
        ("Oxide", date(2026, 2, 1), 1),
        ("Citrate", date(2026, 1, 1), 2),
    ]


def test_log_again_copies_the_product_to_the_day_in_one_click(alice_client, user):
    earlier = make_supplement(
        user, name="Oxide", form="oxide", elemental_mg=None, compound_mg=Decimal(500), on=date(2026, 2, 1)
    )
    page = page_of(alice_client).content.decode()
    assert f'action="/supplements/{earlier.pk}/again/"' in page
    response = alice_client.post(
        reverse("tracker:supplement_again", args=[earlier.pk]), {"date": ON.isoformat()}
    )
    assert response.url == f"/supplements/?date={ON.isoformat()}"
    copy = SupplementEntry.objects.exclude(pk=earlier.pk).get()
    assert (copy.user, copy.date, copy.name, copy.form, copy.compound_mg, copy.magnesium_mg) == (
        user,
        ON,
        "Oxide",
        "oxide",
        500,
        Decimal("301.5"),
    )
    assert alice_client.get(reverse("tracker:supplement_again", args=[earlier.pk])).status_code == 405


@pytest.mark.parametrize(
    ("bad", "message"), [("someday", "Enter a valid date."), ("9999-12-31", "Choose a date between")]
)
def test_supplements_page_rejects_a_bad_date(alice_client, bad, message):
    response = alice_client.get(f"/supplements/?date={bad}", follow=True)
    assert message in response.content.decode()
    assert response.context["day"] == date.today()


def test_a_supplement_dated_outside_the_log_range_is_refused(alice_client):
    response = alice_client.post(
        reverse("tracker:supplement_new"),
        {"date": "0001-01-01", "name": "Mag", "form": "citrate", "elemental_mg": "100", "doses": "1"},
    )
    assert "Choose a date between" in response.context["form"].errors["date"][0]
    assert SupplementEntry.objects.count() == 0


# Upper limit: 65 mg at 1–3 y, 110 mg at 4–8 y, 350 mg from 9 y, none under 1 y (DESIGN.md).
@pytest.mark.parametrize(
    ("age_months", "supplement_mg", "limit", "warned"),
    [
        (40 * 12, "400", 350, True),  # acceptance: a 40-year-old man at 400 mg
        (40 * 12, "350", 350, False),  # exactly at the limit
        (40 * 12, "350.1", 350, True),
        (9 * 12, "351", 350, True),
        (9 * 12 - 1, "111", 110, True),
        (9 * 12 - 1, "110", 110, False),
        (4 * 12, "111", 110, True),
        (4 * 12 - 1, "66", 65, True),
        (4 * 12 - 1, "65", 65, False),
        (12, "66", 65, True),
        (11, "1000", None, False),  # no limit under 1 year
        (0, "1000", None, False),
    ],
)
def test_upper_limit_warning_by_age(alice_client, user, age_months, supplement_mg, limit, warned):
    make_profile(user, birth_date=born_months_before(age_months, ON), sex="male")
    make_supplement(user, elemental_mg=supplement_mg, on=ON)
    summary = day_summary(user, ON)
    assert (summary.supplement_limit_mg, summary.over_supplement_limit) == (limit, warned)
    for url in (f"/day/{ON}/", f"/supplements/?date={ON}"):
        page = alice_client.get(url).content.decode()
        assert ("notice-over_supplement_limit" in page) is warned


def test_acceptance_warning_explains_the_limit_and_what_too_much_causes(alice_client, user):
    make_profile(user, birth_date=date(1986, 1, 1), sex="male")
    make_supplement(user, elemental_mg="200", doses="2", on=ON)
    for url in (f"/day/{ON}/", f"/supplements/?date={ON}"):
        warning = text(alice_client.get(url).content.decode())
        assert (
            "add up to 400 mg of magnesium, more than the upper limit of 350 mg a day for your age" in warning
        )
        assert "supplements and medicines (such as antacids and laxatives) only" in warning
        assert "magnesium in food does not count" in warning
        assert "diarrhoea, nausea and stomach cramps" in warning
        assert "The limit is not a target." in warning


def test_without_a_profile_the_adult_limit_applies(alice_client, user):
    make_supplement(user, elemental_mg="351", on=ON)
    summary = day_summary(user, ON)
    assert (summary.supplement_limit_mg, summary.over_supplement_limit) == (350, True)


@pytest.mark.parametrize("supplement_mg", [None, "350"])
def test_food_magnesium_never_triggers_the_warning(alice_client, user, supplement_mg):
    make_profile(user, birth_date=date(1986, 1, 1), sex="male")
    make_entry(user, make_food(magnesium_mg=Decimal(592)), amount_g="300", on=ON)  # 1,776 mg from food
    if supplement_mg:
        make_supplement(user, elemental_mg=supplement_mg, on=ON)
    summary = day_summary(user, ON)
    assert summary.total_magnesium_mg > 1700
    assert not summary.over_supplement_limit
    assert "notice-over_supplement_limit" not in alice_client.get(f"/day/{ON}/").content.decode()


FORTY = date(1986, 1, 1)  # 40 years old on ON


@pytest.mark.parametrize(
    ("standard", "supplement_mg", "limit", "warned", "source"),
    [
        # Acceptance 2 of issue 13: each standard's own limit, and its source on the day
        ("efsa", 300, 250, True, "Scientific Committee on Food, Opinion on the Tolerable Upper Intake Level"),
        ("uk", 380, 400, False, "Expert Group on Vitamins and Minerals, Safe Upper Levels"),
        ("nih", 360, 350, True, "Institute of Medicine"),
        ("efsa", 250, 250, False, "Scientific Committee on Food"),  # at the limit: no warning
    ],
)
def test_the_limit_and_the_warning_follow_the_chosen_standard(
    alice_client, user, standard, supplement_mg, limit, warned, source
):
    make_profile(user, birth_date=FORTY, reference_standard=standard)
    make_supplement(user, elemental_mg=supplement_mg, on=ON)
    for url in (f"/day/{ON}/", f"/supplements/?date={ON}"):
        page = alice_client.get(url).content.decode()
        assert f"Upper limit for your age: {limit} mg a day" in page, url
        assert source in page, url
        assert ("notice-over_supplement_limit" in page) is warned, url
        if warned:
            assert f"more than the upper limit of {limit} mg a day for your age" in page, url
    summary = alice_client.get("/api/v1/summary/", {"date": ON.isoformat()}).json()  # session auth
    assert (summary["supplement_limit_mg"], summary["over_supplement_limit"]) == (limit, warned)


def test_the_scf_limit_is_worded_for_dissociable_salts_and_oxide_in_supplements_water_and_fortified_foods(
    alice_client, user
):
    make_profile(user, birth_date=FORTY, reference_standard="efsa")
    page = text(alice_client.get(f"/day/{ON}/").content.decode())
    assert (
        "a tolerable upper level of 250 mg a day from age 4 for readily dissociable magnesium salts and "
        "magnesium oxide in supplements, water and fortified foods"
    ) in page


@pytest.mark.parametrize(("standard", "age_years"), [("uk", 10), ("efsa", 3)])
def test_where_the_standard_sets_no_limit_the_iom_figure_is_used_and_said_so(
    alice_client, user, standard, age_years
):
    make_profile(user, birth_date=born_months_before(age_years * 12, ON), reference_standard=standard)
    page = text(alice_client.get(f"/day/{ON}/").content.decode())
    iom = 350 if age_years >= 9 else 65
    assert f"Upper limit for your age: {iom} mg a day (US, IOM 1997)" in page
    assert "sets no supplement limit at your age, so the US figure (IOM 1997) is shown" in page


# CKD: the hypermagnesemia warning on the form before saving, and an acknowledgement.
CKD_WARNING = "can build up in the blood. This is called hypermagnesemia."


def test_ckd_user_sees_the_warning_on_the_form_and_must_acknowledge_it(alice_client, user):
    make_profile(user, has_ckd=True)
    page = text(alice_client.get("/supplements/new/").content.decode())
    assert "Kidney disease: ask your clinician" in page
    assert CKD_WARNING in page
    assert "nausea, flushing, low blood pressure, weakness, drowsiness and an irregular heartbeat" in page
    assert "unless your kidney team has advised it" in page
    assert "I have read the kidney warning above" in page

    response = log(alice_client, elemental_mg="100")
    assert "Tick the box" in " ".join(response.context["form"].errors["ckd_acknowledged"])
    assert SupplementEntry.objects.count() == 0
    assert log(alice_client, elemental_mg="100", ckd_acknowledged="on").status_code == 302
    assert SupplementEntry.objects.count() == 1


def test_ckd_user_must_acknowledge_on_edit_too(alice_client, user):
    make_profile(user, has_ckd=True)
    entry = make_supplement(user, elemental_mg="100", on=ON)
    url = reverse("tracker:supplement_edit", args=[entry.pk])
    assert CKD_WARNING in text(alice_client.get(url).content.decode())
    assert alice_client.post(url, {**FORM, "elemental_mg": "150"}).status_code == 200
    entry.refresh_from_db()
    assert entry.magnesium_mg == 100


def test_ckd_user_logs_again_through_the_form_and_its_warning(alice_client, user):
    make_profile(user, has_ckd=True)
    earlier = make_supplement(user, name="Prescribed", elemental_mg="80", on=date(2026, 3, 1))
    page = page_of(alice_client).content.decode()
    assert "/again/" not in page
    assert f"/supplements/new/?date={ON.isoformat()}&amp;from={earlier.pk}" in page
    response = alice_client.post(
        reverse("tracker:supplement_again", args=[earlier.pk]), {"date": ON.isoformat()}
    )
    assert response.url == f"/supplements/new/?date={ON.isoformat()}&from={earlier.pk}"
    assert SupplementEntry.objects.count() == 1
    form_page = alice_client.get(response.url)
    assert form_page.context["form"].initial["name"] == "Prescribed"
    assert form_page.context["form"].initial["date"] == ON
    assert CKD_WARNING in text(form_page.content.decode())


def test_user_without_ckd_sees_no_kidney_warning_or_checkbox(alice_client, user):
    make_profile(user)
    page = alice_client.get("/supplements/new/").content.decode()
    assert "hypermagnesemia" not in page
    assert "ckd_acknowledged" not in page
    assert "Kidney disease: ask your clinician" not in page
    assert log(alice_client, elemental_mg="100").status_code == 302


def test_supplements_page_query_count_does_not_grow(alice_client, user, django_assert_num_queries):
    make_profile(user)
    make_supplement(user, on=ON)
    with django_assert_num_queries(6) as one:  # session, user and profile, 2 aggregates, day's list, recent
        page_of(alice_client)
    for number in range(15):
        make_supplement(user, name=f"Product {number}", on=ON)
        make_supplement(user, name=f"Product {number}", on=date(2026, 1, number + 1))
    with django_assert_num_queries(len(one.captured_queries)):
        response = page_of(alice_client)
    assert len(response.context["recent"]) == 8


def test_the_database_refuses_an_entry_without_a_usable_elemental_figure(user):
    entry = make_supplement(user, form="other", elemental_mg="100", compound_mg=Decimal(500))
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplementEntry.objects.filter(pk=entry.pk).update(elemental_mg=None)
    entry.refresh_from_db()
    assert entry.elemental_mg == 100


def test_supplements_page_moves_between_days(alice_client):
    page = page_of(alice_client).content.decode()
    assert 'href="/supplements/?date=2026-03-09" rel="prev"' in page
    assert 'href="/supplements/?date=2026-03-11" rel="next"' in page
    assert 'action="/supplements/"' in page
    assert alice_client.get("/supplements/?date=2026-03-11").context["day"] == date(2026, 3, 11)


@pytest.mark.parametrize("bad", ["", "someday", "9999-12-31"])
def test_log_again_with_a_bad_date_logs_nothing_and_says_why(alice_client, user, bad):
    """Found by the bad-input corpus: a bad date logged the supplement again for today."""
    earlier = make_supplement(user, on=ON)
    response = alice_client.post(
        reverse("tracker:supplement_again", args=[earlier.pk]), {"date": bad}, follow=True
    )
    assert SupplementEntry.objects.count() == 1
    assert f"{earlier.name} was not logged" in text(response.content.decode())


def test_the_form_list_starts_by_asking_for_the_form_not_with_dashes(alice_client):
    page = alice_client.get("/supplements/new/").content.decode()
    assert '<option value="" selected>Choose the form on the label</option>' in page
    assert "---------" not in page
    response = alice_client.post(
        "/supplements/new/",
        {"date": "2026-06-15", "name": "Mag", "form": "", "elemental_mg": "100", "doses": "1"},
    )
    assert response.status_code == 200 and not SupplementEntry.objects.exists()
