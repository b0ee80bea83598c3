from django.apps import AppConfig
from django.db.models.signals import pre_save


class FoodsConfig(AppConfig):
    name = "foods"
    verbose_name = "Food database"

    def ready(self):
        from foods.history import record_unrecorded_values
        from foods.models import Food, Portion

        for model in (Food, Portion):
            pre_save.connect(record_unrecorded_values, sender=model, dispatch_uid=f"history-{model.__name__}")
