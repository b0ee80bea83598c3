"""The food curators edit the search's synonyms too (issue 14): they are part of finding foods."""

from django.db import migrations

GROUP = "Food curators"
ACTIONS = ["add", "change", "delete", "view"]


def grant_synonyms(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    # As in 0003: on a fresh database Django has not made the permissions yet.
    content_type, _ = ContentType.objects.get_or_create(app_label="foods", model="searchsynonym")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_searchsynonym",
            defaults={"name": f"Can {action} search synonym"},
        )
        group.permissions.add(permission)


def revoke_synonyms(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*group.permissions.filter(codename__endswith="_searchsynonym"))


class Migration(migrations.Migration):
    dependencies = [
        ("foods", "0010_stored_measures"),
        ("foods", "0003_food_curators_group"),
    ]

    operations = [migrations.RunPython(grant_synonyms, revoke_synonyms)]
