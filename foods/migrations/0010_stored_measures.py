"""The gap suggestions' and food sorts' magnesium measures stored on each food (issue 14), instead
of computed over every food on every day page. Nullable columns only: SQLite adds them with
ALTER TABLE ADD COLUMN, without rebuilding foods_food, whose full-text triggers (0008) stay."""

from django.db import migrations, models

import foods.models


def fill_measures(apps, schema_editor):
    Food = apps.get_model("foods", "Food")
    Portion = apps.get_model("foods", "Portion")
    Food.objects.update(**foods.models.stored_measures(Portion.objects))


class Migration(migrations.Migration):
    dependencies = [
        ("foods", "0009_food_is_eaten_as_is"),
    ]

    operations = [
        migrations.AddField(
            model_name="food",
            name="magnesium_per_100_kcal",
            field=models.FloatField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Magnesium (mg) per 100 kcal; empty at 0 kcal.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="food",
            name="portion_magnesium_mg",
            field=models.FloatField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Magnesium (mg) in the default portion (the first).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="food",
            name="reference_magnesium_mg",
            field=models.FloatField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Magnesium (mg) in the reference amount (a custom food's: its first portion).",
                null=True,
            ),
        ),
        migrations.RunPython(fill_measures, migrations.RunPython.noop),
    ]
