"""The "Food curators" group: foods and portions, nothing else (no users, profiles or entries)."""

from django.db import migrations

GROUP = "Food curators"
MODELS = ["food", "portion"]
ACTIONS = ["add", "change", "delete", "view"]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for model in MODELS:
        # Django creates permissions after all migrations have run; on a fresh database
        # they do not exist yet, so make them here exactly as Django names them.
        content_type, _ = ContentType.objects.get_or_create(app_label="foods", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("foods", "0002_curation_history_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
