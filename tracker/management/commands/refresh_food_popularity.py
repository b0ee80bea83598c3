from django.core.management.base import BaseCommand

from tracker.popularity import POPULARITY_MIN_USERS, refresh_food_popularity


class Command(BaseCommand):
    help = "Recount how many people log each food, for the search's ranking (celery beat runs it daily)."

    def handle(self, *args, **options):
        popular = refresh_food_popularity()
        self.stdout.write(f"{popular:,} foods logged by at least {POPULARITY_MIN_USERS} people.")
