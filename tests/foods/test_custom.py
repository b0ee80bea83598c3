"""A user's custom foods: private to their author, editable, suggested, reviewed."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from foods.models import Food, Portion
from tests.factories import make_custom_food, make_entry, make_portion
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db


def food_data(name="Mineral water, Brand X", basis="100g", portions=(), **nutrients):
    """The custom food form as posted, with up to two new portions [(description, grams)]."""
    data = {"name": name, "basis": basis, "magnesium_mg": "12", **nutrients}
    data.update(formset_data(portions, extra=2))
    return data


def formset_data(portions, extra=0, existing=()):
    """Portion formset fields: existing [(portion, changes)] first, then new rows."""
    rows = [
        {"id": portion.pk, "description": portion.description, "grams": portion.grams, **changes}
        for portion, changes in existing
    ]
    rows += [{"description": description, "grams": grams} for description, grams in portions]
    rows += [{"description": "", "grams": ""}] * max(extra - len(portions), 0)
    data = {
        "portions-TOTAL_FORMS": len(rows),
        "portions-INITIAL_FORMS": len(existing),
        "portions-MIN_NUM_FORMS": 0,
        "portions-MAX_NUM_FORMS": 20,
    }
    for index, fields in enumerate(rows):
        data.update({f"portions-{index}-{name}": value for name, value in fields.items()})
    return data


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_my_foods_pages_need_a_login(client, user):
    food = make_custom_food(user)
    for url in (
        reverse("foods:custom_list"),
        reverse("foods:custom_new"),
        reverse("foods:custom_edit", args=[food.pk]),
        reverse("foods:custom_delete", args=[food.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    client.post(reverse("foods:custom_suggest", args=[food.pk]))
    food.refresh_from_db()
    assert food.status == "private"


def test_a_user_adds_a_private_custom_food_with_portions(alice_client, user):
    data = food_data(calcium_mg="8.5", portions=[("1 glass", "250"), ("1 bottle", "1500")])
    response = alice_client.post(reverse("foods:custom_new"), data)
    assert response.url == reverse("foods:custom_list")
    food = Food.objects.get()
    assert (food.name, food.source, food.created_by, food.status) == (
        "Mineral water, Brand X",
        "custom",
        user,
        "private",
    )
    assert (food.magnesium_mg, food.calcium_mg, food.potassium_mg) == (Decimal(12), Decimal("8.5"), None)
    assert [(p.seq, p.description, p.grams) for p in food.portions.all()] == [
        (1, "1 glass", Decimal(250)),
        (2, "1 bottle", Decimal(1500)),
    ]
    page = alice_client.get(reverse("foods:custom_list")).content.decode()
    assert "Mineral water, Brand X" in page and "Private: only you see it." in page
    assert alice_client.get(reverse("tracker:entry_new", args=[food.pk])).status_code == 200


def test_amounts_per_portion_are_stored_per_100_g(alice_client):
    data = food_data(basis="portion", magnesium_mg="30", calcium_mg="100", portions=[("1 glass", "250")])
    alice_client.post(reverse("foods:custom_new"), data)
    food = Food.objects.get()
    assert (food.magnesium_mg, food.calcium_mg, food.energy_kcal) == (Decimal(12), Decimal(40), None)


VISIBLE_TEXT = "Remove the control characters (such as tabs or line breaks) from this text."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            food_data(basis="portion"),
            "basis",
            "Amounts per portion need a portion with its weight in grams below.",
        ),
        (food_data(magnesium_mg=""), "magnesium_mg", "This field is required."),
        (
            food_data(magnesium_mg="-1"),
            "magnesium_mg",
            "An amount cannot be negative; leave it empty when unknown.",
        ),
        (
            food_data(basis="portion", magnesium_mg="70", portions=[("1 pinch", "0.1")]),
            "magnesium_mg",
            "No food has more than 60,300 mg of magnesium per 100 g; check the unit.",
        ),
        (food_data(name=""), "name", "This field is required."),
        # Found by the bad-input corpus: control characters were stored in names.
        (food_data(name="Water\tBrand X"), "name", VISIBLE_TEXT),
    ],
)
def test_bad_values_get_a_clear_message_and_nothing_is_saved(alice_client, data, field, message):
    response = alice_client.post(reverse("foods:custom_new"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert Food.objects.count() == 0


def test_a_portion_name_with_a_line_break_is_refused(alice_client):
    response = alice_client.post(reverse("foods:custom_new"), food_data(portions=[("1\nglass", "250")]))
    assert response.context["formset"].errors[0]["description"] == [VISIBLE_TEXT]
    assert Food.objects.count() == 0


def test_portions_must_weigh_more_than_zero(alice_client):
    response = alice_client.post(reverse("foods:custom_new"), food_data(portions=[("1 glass", "0")]))
    assert response.context["formset"].errors[0]["grams"] == ["A portion must weigh more than 0 g."]
    assert "A portion must weigh more than 0 g." in response.content.decode()
    assert Food.objects.count() == 0


def test_the_author_edits_values_and_portions(alice_client, user):
    food = make_custom_food(user)
    glass = make_portion(food, "1 glass", "250")
    cup = make_portion(food, "1 cup", "240")
    page = alice_client.get(reverse("foods:custom_edit", args=[food.pk]))
    assert page.context["form"]["magnesium_mg"].value() == "12"  # as typed, not 12.000
    assert page.context["formset"].forms[0]["grams"].value() == "250"
    assert "DELETE" not in page.context["formset"].forms[-1].fields  # nothing to remove in a new row
    data = food_data(name="Mineral water, Brand X (still)", magnesium_mg="13")
    data.update(
        formset_data([("1 bottle", "500")], existing=[(glass, {"grams": "200"}), (cup, {"DELETE": "on"})])
    )
    assert alice_client.post(reverse("foods:custom_edit", args=[food.pk]), data).status_code == 302
    food.refresh_from_db()
    assert (food.name, food.magnesium_mg) == ("Mineral water, Brand X (still)", Decimal(13))
    assert [(p.seq, p.description, p.grams) for p in food.portions.all()] == [
        (1, "1 glass", Decimal(200)),
        (2, "1 bottle", Decimal(500)),
    ]


def test_a_portion_in_the_log_cannot_be_removed(alice_client, user):
    food = make_custom_food(user)
    glass = make_portion(food, "1 glass", "250")
    make_entry(user, food, portion=glass)
    data = food_data()
    data.update(formset_data([], existing=[(glass, {"DELETE": "on"})]))
    response = alice_client.post(reverse("foods:custom_edit", args=[food.pk]), data)
    assert response.context["formset"].non_form_errors() == [
        "“1 glass” is used in your log, so it cannot be removed."
    ]
    assert Portion.objects.filter(pk=glass.pk).exists()


def test_an_unused_custom_food_is_deleted(alice_client, user):
    food = make_custom_food(user)
    assert "Delete" in alice_client.get(reverse("foods:custom_delete", args=[food.pk])).content.decode()
    alice_client.post(reverse("foods:custom_delete", args=[food.pk]))
    assert not Food.objects.exists()


def test_a_custom_food_in_the_log_is_archived_and_the_entries_keep_their_values(alice_client, user):
    food = make_custom_food(user, magnesium_mg=Decimal("12"), status="suggested")
    entry = make_entry(user, food, amount_g="500")
    page = alice_client.get(reverse("foods:custom_delete", args=[food.pk])).content.decode()
    assert "it will be archived instead" in page
    alice_client.post(reverse("foods:custom_delete", args=[food.pk]))
    food.refresh_from_db()
    entry.refresh_from_db()
    assert (food.is_active, food.status, entry.magnesium_mg) == (False, "private", Decimal("60.000"))
    assert alice_client.get(reverse("foods:custom_list")).context["foods"] == []
    assert alice_client.get(reverse("tracker:entry_new", args=[food.pk])).status_code == 404


def test_suggesting_rejecting_and_suggesting_again(alice_client, user):
    food = make_custom_food(user)
    alice_client.post(reverse("foods:custom_suggest", args=[food.pk]))
    food.refresh_from_db()
    assert food.status == "suggested"
    assert "waiting for review" in alice_client.get(reverse("foods:custom_list")).content.decode()

    food.status, food.rejection_reason = "rejected", "Please give the brand's full name."
    food.save()
    page = alice_client.get(reverse("foods:custom_list")).content.decode()
    assert "Reason given: Please give the brand&#x27;s full name." in page

    alice_client.post(reverse("foods:custom_suggest", args=[food.pk]))
    food.refresh_from_db()
    assert (food.status, food.rejection_reason) == ("suggested", "")


def test_an_approved_food_is_no_longer_the_authors_to_change(alice_client, user):
    food = make_custom_food(user, status="approved")
    page = alice_client.get(reverse("foods:custom_list")).content.decode()
    assert "Approved: shared with everyone" in page
    assert reverse("foods:custom_edit", args=[food.pk]) not in page
    for name in ("foods:custom_edit", "foods:custom_delete"):
        response = alice_client.post(reverse(name, args=[food.pk]), food_data(name="Renamed"))
        assert response.url == reverse("foods:custom_list")
    food.refresh_from_db()
    assert food.name == "Mineral water, Brand X"


def test_a_custom_food_is_invisible_to_everyone_else_until_approved(client, user, other_user):
    food = make_custom_food(user, "Mineral water, Brand X", status="suggested")
    bob = client_for(other_user)
    for visitor in (client, bob):
        assert visitor.get(reverse("foods:detail", args=[food.pk])).status_code == 404
        assert list(visitor.get(reverse("foods:list"), {"q": "brand"}).context["page"]) == []
    assert bob.get(reverse("tracker:entry_new", args=[food.pk])).status_code == 404
    assert "Brand X" not in bob.get(reverse("foods:custom_list")).content.decode()
    for name in ("foods:custom_edit", "foods:custom_delete", "foods:custom_suggest"):
        url = reverse(name, args=[food.pk])
        assert bob.get(url).status_code in (404, 405)
        assert bob.post(url, food_data(name="Bob was here")).status_code == 404
    food.refresh_from_db()
    assert (food.name, food.status) == ("Mineral water, Brand X", "suggested")

    food.status = "approved"
    food.save()
    for visitor in (client, bob):
        assert visitor.get(reverse("foods:detail", args=[food.pk])).status_code == 200
        assert [f.name for f in visitor.get(reverse("foods:list"), {"q": "brand"}).context["page"]] == [
            food.name
        ]
    bob.post(
        reverse("tracker:entry_new", args=[food.pk]), {"date": "2026-03-01", "meal": "lunch", "grams": "250"}
    )
    assert IntakeEntry.objects.get(user=other_user).magnesium_mg == Decimal("30.000")
    assert bob.post(reverse("foods:custom_edit", args=[food.pk]), food_data(name="Bob")).status_code == 404


def test_my_foods_lists_only_my_own_with_a_constant_number_of_queries(
    user, other_user, django_assert_num_queries
):
    make_custom_food(other_user, "Bob's bread")
    alice = client_for(user)
    for number in range(3):
        make_custom_food(user, f"Water {number}")
    with django_assert_num_queries(3):  # session, user, foods
        first = alice.get(reverse("foods:custom_list"))
    for number in range(3, 12):
        make_custom_food(user, f"Water {number}")
    with django_assert_num_queries(3):
        alice.get(reverse("foods:custom_list"))
    assert [food.name for food in first.context["foods"]] == ["Water 0", "Water 1", "Water 2"]


def test_the_navigation_links_to_my_foods_once_logged_in(user):
    link = f'<a href="{reverse("foods:custom_list")}">My foods</a>'
    assert link not in Client().get(reverse("foods:list")).content.decode()
    assert link in client_for(user).get(reverse("foods:list")).content.decode()
