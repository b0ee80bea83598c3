"""A trigram index for the food search on PostgreSQL; nothing on SQLite.

The search matches every word anywhere in the name (`name__icontains`, which PostgreSQL runs
as UPPER(name) LIKE UPPER('%word%')): a B-tree cannot serve a leading wildcard, a pg_trgm GIN
index on UPPER(name) can. SQLite has no such index; it scans the 8,789 names, which is cheap.
"""

from django.db import migrations

INDEX = "foods_food_name_upper_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"CREATE INDEX {INDEX} ON foods_food USING gin (UPPER(name) gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("foods", "0003_food_curators_group")]

    operations = [migrations.RunPython(create_index, drop_index)]
