import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

# 1,000 examples a property, the same ones every run (RELIABILITY.md check 13).
hypothesis_settings.register_profile("ci", max_examples=1000, deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters live in the cache: every test starts with none."""
    cache.clear()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "a-long-test-password")


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "a-long-test-password")


@pytest.fixture
def alice_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def curator(django_user_model):
    """A staff member in the "Food curators" group (made by a foods migration)."""
    member = django_user_model.objects.create_user("curator", "curator@example.com", "a-long-test-password")
    member.is_staff = True
    member.save()
    member.groups.add(Group.objects.get(name="Food curators"))
    return member


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client
