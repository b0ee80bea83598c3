from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User

from foods.models import Food
from foods.search import search, visible_foods
from tests.factories import make_entry, make_food
from tracker.popularity import POPULARITY_MIN_USERS, refresh_food_popularity
from tracker.tasks import refresh_popularity

pytestmark = pytest.mark.django_db


def people(count: int) -> list[User]:
    return [User.objects.create_user(f"eater{n}", password="a-long-test-password") for n in range(count)]


def test_popularity_counts_distinct_people_from_the_threshold_up_and_none_below():
    common, rare = make_food("Milk, goat, fluid"), make_food("Milk, sheep, fluid")
    for user in people(POPULARITY_MIN_USERS):
        make_entry(user, common, on=date(2026, 1, 1))
        make_entry(user, common, on=date(2026, 1, 2))  # one person logging twice counts once
    make_entry(User.objects.get(username="eater0"), rare, on=date(2026, 1, 1))
    assert refresh_food_popularity() == 1
    assert Food.objects.get(pk=common.pk).popularity == POPULARITY_MIN_USERS
    assert Food.objects.get(pk=rare.pk).popularity == 0  # one person's food stays unknown


def test_popular_foods_rank_above_equal_ones():
    plain, logged = make_food("Milk, goat, fluid"), make_food("Milk, sheep, fluid")
    foods = visible_foods(AnonymousUser())
    assert search(foods, "milk").ids[0] == plain.pk  # shorter name first, all else equal
    for user in people(POPULARITY_MIN_USERS):
        make_entry(user, logged)
    refresh_food_popularity()
    assert search(foods, "milk").ids[0] == logged.pk


def test_a_popularity_that_falls_below_the_threshold_is_cleared():
    food = make_food("Milk, goat, fluid")
    users = people(POPULARITY_MIN_USERS)
    for user in users:
        make_entry(user, food)
    refresh_food_popularity()
    users[0].delete()
    refresh_food_popularity()
    assert Food.objects.get(pk=food.pk).popularity == 0


def test_celery_beat_recounts_popularity_daily():
    jobs = settings.CELERY_BEAT_SCHEDULE.values()
    assert [job["schedule"] for job in jobs if job["task"] == refresh_popularity.name] == [24 * 3600.0]
    food = make_food("Milk, goat, fluid")
    for user in people(POPULARITY_MIN_USERS):
        make_entry(user, food)
    assert refresh_popularity() == 1  # what the worker runs
    assert Food.objects.get(pk=food.pk).popularity == POPULARITY_MIN_USERS
