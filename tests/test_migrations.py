"""The models and their migrations agree: a change to a field (choices and labels included)
without its migration fails here, not on a deployment."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
