"""manage.py import_usda PATH: load a USDA SR28 ASCII release or FDC CSV download into Food and Portion."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from foods.importing.saving import import_folder
from foods.importing.tables import UsdaFormatError
from foods.models import Source


class Command(BaseCommand):
    help = (
        "Import foods and portions from a USDA SR28 ASCII release folder (FOOD_DES.txt, ...) or a "
        "FoodData Central CSV download folder, SR Legacy or Foundation Foods (food.csv, ...)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="folder of the SR28 release or the FDC download")

    def handle(self, *args, path, verbosity, **options):
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            imported = import_folder(path, progress)
        except UsdaFormatError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error

        foods, portions = imported.foods, imported.portions
        for conflict in foods.fdc_id_conflicts:
            self.stderr.write(self.style.WARNING(conflict))
        if foods.not_in_release:
            self.stdout.write(
                f"{foods.not_in_release:,} {Source(imported.source).label} foods are not in this release; "
                "left as they are."
            )
        if foods.matched_by_fdc_id:
            self.stdout.write(
                f"{len(foods.matched_by_fdc_id):,} foods matched by FDC id to "
                f"{Source(imported.other_source).label} foods "
                "already in the database: imported into those, which keep their source."
            )
        self.stdout.write(
            f"Foods: {foods.created:,} created, {foods.updated:,} updated, {foods.unchanged:,} unchanged. "
            f"Magnesium known for {imported.with_magnesium:,}; FDC id for {imported.with_fdc_id:,}. "
            f"Portions: {portions.created:,} created, {portions.updated:,} updated, "
            f"{portions.unchanged:,} unchanged."
        )
