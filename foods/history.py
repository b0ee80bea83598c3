"""Change history of foods and portions (django-simple-history), kept complete.

simple-history records every save and delete through the ORM. Bulk writes (the USDA
import's bulk_create and QuerySet.update) leave no record, so before a food or portion
changes, its stored values are recorded first when the history lacks them: each
change then shows its true old values.
"""

from django.db import models
from django.utils import timezone
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_model_for_model

UNRECORDED_REASON = "Values before this change, set without a history record (for example by the USDA import)"


def record_unrecorded_values(sender: type[models.Model], instance: models.Model, raw=False, **kwargs) -> None:
    """pre_save: record the stored values of a food or portion if its last history record differs."""
    if raw or instance._state.adding:
        return
    stored = sender.objects.filter(pk=instance.pk).first()
    if stored is None:
        return
    history = get_history_model_for_model(sender)
    last = history.objects.filter(id=instance.pk).order_by("-history_date", "-history_id").first()
    names = [field.attname for field in history.tracked_fields]
    if last is not None and all(getattr(last, name) == getattr(stored, name) for name in names):
        return
    history.objects.create(
        history_date=timezone.now(),
        history_user=None,
        history_change_reason=UNRECORDED_REASON,
        history_type="~" if last else "+",
        **{name: getattr(stored, name) for name in names},
    )


def with_changes(model: type[models.Model], records) -> list:
    """Historical records (newest first) of several objects, each given `changes`: the
    fields that differ from the previous record of the same object, as old → new."""
    records = list(records)
    previous = {}
    for record in reversed(records):
        older = previous.get(record.id)
        delta = record.diff_against(older, foreign_keys_are_objs=False) if older else None
        helper = HistoricalRecordContextHelper(model, record)
        record.changes = helper.context_for_delta_changes(delta) if delta else []
        previous[record.id] = record
    return records
