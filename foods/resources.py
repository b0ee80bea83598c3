"""The food list as CSV, for export and import in the admin (django-import-export).

An import is all or nothing: every row is validated like a form in the admin
(Food.full_clean), and one bad row refuses the whole file, naming each bad row.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, instance_loaders, resources, widgets
from import_export.results import Result

from core.spreadsheets import neutral_cell, restored_cell
from foods.models import NUTRIENT_FIELDS, Food, ReviewStatus

COLUMNS = ["id", "name", "category", "source", "source_id", "fdc_id", *NUTRIENT_FIELDS, "is_active"]


class StrictBooleanWidget(widgets.BooleanWidget):
    """1/0 or true/false; anything else is an error rather than a silent False."""

    def clean(self, value, row=None, **kwargs):
        if value not in (*self.TRUE_VALUES, *self.FALSE_VALUES):
            raise ValueError(f"“{value}” is not 1, 0, true or false.")
        return super().clean(value, row, **kwargs)


class FoodLoader(instance_loaders.ModelInstanceLoader):
    """Finds the file's foods by id in one query rather than one per row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        column = dataset["id"] if dataset is not None and "id" in (dataset.headers or []) else []
        # An id that is not a whole number is reported on its own row by get_instance.
        ids = {int(value) for value in column if str(value).strip().isdigit()}
        self.foods = self.get_queryset().in_bulk(ids)

    def get_instance(self, row):
        return self.foods.get(self.resource.fields["id"].clean(row))


def curated_foods():
    """The foods staff curate: all but users' private custom foods."""
    return Food.objects.exclude(status=ReviewStatus.PRIVATE)


class FoodResource(resources.ModelResource):
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=StrictBooleanWidget())

    class Meta:
        model = Food
        fields = COLUMNS
        export_order = COLUMNS
        clean_model_instances = True  # Food.full_clean(): validators, clean(), unique fdc_id
        use_transactions = True
        skip_unchanged = True
        report_skipped = False
        instance_loader_class = FoodLoader

    def __init__(self, progress=None, every=100, **kwargs):
        """progress(rows_done) is called every `every` rows (the import job's progress)."""
        super().__init__(**kwargs)
        self.progress, self.every = progress, every

    def get_queryset(self):
        return curated_foods().order_by("pk")

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number") or 0
        if self.progress is not None and number % self.every == 0:
            self.progress(number)

    def export_field(self, field, instance, **kwargs):
        # A suggested food's name reaches staff: no cell may open in a spreadsheet as a formula.
        return neutral_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        # The file read back as it was exported: the apostrophe export_field added is dropped.
        for column, value in row.items():
            row[column] = restored_cell(value)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Widgets raise Decimal's own errors for text such as "abc"; name the value instead.
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ArithmeticError, TypeError) as error:
            raise ValueError(f"“{row[field.column_name]}” is not a number.") from error

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ArithmeticError as error:
            raise ValidationError({"id": f"“{row['id']}” is not a food id."}) from error

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and row.get("id") not in (None, ""):
            raise ValidationError({"id": f"No food has id {row['id']}; leave id empty to add a new food."})

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = f"CSV import ({kwargs.get('file_name') or 'file'})"
        # In a worker there is no request for simple-history to take the user from.
        if getattr(kwargs.get("user"), "pk", None) is not None:
            instance._history_user = kwargs["user"]


def import_problems(result: Result) -> list[str]:
    """Every reason a file was refused, one line each, with its row number.

    Rows are counted from the first line after the header, so row N is line N + 1 of a CSV file.
    """
    problems = [str(error.error) for error in result.base_errors]
    for row in result.error_rows:
        problems += [f"Row {row.number} (line {row.number + 1}): {error.error}" for error in row.errors]
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            where = "" if column == NON_FIELD_ERRORS else f"{column}: "
            problems += [
                f"Row {row.number} (line {row.number + 1}): {where}{message}" for message in messages
            ]
    return problems
