from django.core.management import call_command
from django.core.management.base import BaseCommand

from foods.importing.planner import analyze_foods
from foods.models import Food


class Command(BaseCommand):
    help = "Load the shipped USDA food fixture (fixtures/foods.json.xz) when the database has no foods."

    def handle(self, *args, **options):
        if Food.objects.exists():
            self.stdout.write(f"The database already has {Food.objects.count():,} foods; nothing loaded.")
            return
        self.stdout.write("Loading the USDA food database (about 30 seconds)…")
        call_command("loaddata", "foods.json.xz", verbosity=options["verbosity"])
        Food.objects.refresh_measures()  # loaddata skips Food.save(), and the fixture predates them
        analyze_foods()
