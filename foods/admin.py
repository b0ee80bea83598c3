from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import capfirst
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from core.jobs import enqueue
from foods.history import with_changes
from foods.models import Food, ImportJob, Portion, ReviewStatus, SearchSynonym
from foods.resources import FoodResource, curated_foods
from foods.tasks import import_foods

ARCHIVE_ONE = (
    "Archive it instead: an archived food cannot be logged any more, and past entries keep their values."
)
ARCHIVE_MANY = (
    "Archive them instead: archived foods cannot be logged any more, and past entries keep their values."
)


class PortionRows(forms.BaseInlineFormSet):
    """The portions table. Its inputs sit under column headings with no <label>, so each is
    named for screen readers (axe: label), the Delete box included."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", capfirst(field.label))


class PortionInline(admin.TabularInline):
    model = Portion
    formset = PortionRows
    extra = 0
    fields = ("seq", "description", "grams")


def check_history_access(object_id: str) -> None:
    """404 for a food id that is not a number or whose last recorded state is private."""
    object_id = unquote(object_id)
    if not object_id.isdigit():
        raise Http404("Not a food id")
    latest = Food.history.filter(id=object_id).order_by("-history_date", "-history_id").first()
    if latest is not None and latest.status == ReviewStatus.PRIVATE:
        raise Http404("A user's private food")


@admin.register(Food)
class FoodAdmin(ImportExportMixin, SimpleHistoryAdmin):
    list_display = (
        "name",
        "category",
        "magnesium_mg",
        "fdc_id",
        "source",
        "is_active",
        "status",
        "created_by",
    )
    list_filter = ("status", "is_active", "is_eaten_as_is", "source", "category")
    list_select_related = ("created_by",)
    search_fields = ("name", "=source_id", "=fdc_id")
    readonly_fields = ("created_by", "created_at", "updated_at", "reference_amount_curated")
    inlines = [PortionInline]
    list_per_page = 50
    actions = ["archive", "restore", "approve", "delete_selected"]
    fieldsets = (
        (None, {"fields": ("name", "category", "is_active", "is_eaten_as_is")}),
        ("Source", {"fields": ("source", "source_id", "fdc_id", "created_by")}),
        (
            "Per 100 g (leave empty when unknown)",
            {
                "fields": (
                    "magnesium_mg",
                    "calcium_mg",
                    "phosphorus_mg",
                    "potassium_mg",
                    "sodium_mg",
                    "energy_kcal",
                    "vitamin_d_ug",
                    "vitamin_k_ug",
                    "fiber_g",
                )
            },
        ),
        (
            "FDA reference amount (claims are made on it)",
            {"fields": ("reference_amount_g", "racc_category", "reference_amount_curated")},
        ),
        ("Review of a user's custom food", {"fields": ("status", "rejection_reason")}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )
    resource_classes = [FoodResource]
    formats = [CSV]
    import_template_name = "admin/foods/food/import.html"
    export_template_name = "admin/foods/food/export.html"
    object_history_template = "admin/foods/food/object_history.html"

    def get_queryset(self, request):
        # Users' private custom foods are theirs alone; staff see them once suggested.
        return curated_foods()

    def save_model(self, request, obj, form, change):
        # A curator's reference amount is kept by the next USDA import (foods.importing.saving).
        if {"reference_amount_g", "racc_category"} & set(form.changed_data):
            obj.reference_amount_curated = True
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.created_by_id is None:
            return (*self.readonly_fields, "status", "rejection_reason")
        return self.readonly_fields

    # Import adds and changes foods; export shows them.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        # Roll back on any invalid row at the confirm step too, not only in the preview.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_urls(self):
        job = path(
            "import/<int:job_id>/",
            self.admin_site.admin_view(self.import_job_view),
            name="foods_food_import_job",
        )
        return [job, *super().get_urls()]

    def import_action(self, request, **kwargs):
        """The upload form; a sent file becomes an import job (foods/jobs.py) and the curator
        is taken to its page, which shows its progress and then its outcome. A whole food
        list takes minutes to check and save: too long for a request."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = self.create_import_form(request)
            if form.is_valid():
                upload = form.cleaned_data["import_file"]
                try:
                    text = b"".join(upload.chunks()).decode("utf-8-sig")
                except UnicodeDecodeError:
                    form.add_error("import_file", "The file is not UTF-8 text; save it as CSV (UTF-8).")
                else:
                    job = ImportJob.objects.create(created_by=request.user, file_name=upload.name, csv=text)
                    enqueue(import_foods, job)
                    return redirect("admin:foods_food_import_job", job.pk)
        return super().import_action(request, **kwargs)

    def import_job_view(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=job_id)
        done = job.done_so_far()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {job.file_name}",
            "opts": self.model._meta,
            "job": job,
            "done": done,
            "percent": round(100 * done / job.total) if done is not None and job.total else None,
            "problems": job.problems,
        }
        return TemplateResponse(request, "admin/foods/food/import_job.html", context)

    def history_view(self, request, object_id, extra_context=None):
        check_history_access(object_id)
        portions = Portion.history.filter(food_id=unquote(object_id)).select_related("history_user")
        context = {"portion_changes": with_changes(Portion, portions), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting is switched off, but simple-history would still save a posted version,
        # even for staff who may only view foods: show versions, never save them here.
        if request.method != "GET":
            raise PermissionDenied
        check_history_access(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        food = self.get_object(request, unquote(object_id))
        if food is not None and (used := food.entries.count()):
            entries = "entry uses" if used == 1 else "entries use"
            self.message_user(
                request, f"“{food}” cannot be deleted: {used} log {entries} it. {ARCHIVE_ONE}", messages.ERROR
            )
            return redirect("admin:foods_food_change", food.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        permissions=["delete"], description="Delete selected foods (refused if a log entry uses one)"
    )
    def delete_selected(self, request, queryset):
        used = list(queryset.filter(entries__isnull=False).distinct().values_list("name", flat=True))
        if used:
            names = ", ".join(f"“{name}”" for name in used[:5]) + (", …" if len(used) > 5 else "")
            self.message_user(
                request,
                f"Nothing was deleted: log entries use {len(used)} of the selected foods ({names}). "
                + ARCHIVE_MANY,
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

    @admin.action(permissions=["change"], description="Archive selected foods (no new entries; history kept)")
    def archive(self, request, queryset):
        count = self._save_each(queryset.filter(is_active=True), is_active=False)
        self.message_user(request, f"Archived {count} food{'s' if count != 1 else ''}.")

    @admin.action(permissions=["change"], description="Restore selected archived foods")
    def restore(self, request, queryset):
        count = self._save_each(queryset.filter(is_active=False), is_active=True)
        self.message_user(request, f"Restored {count} food{'s' if count != 1 else ''}.")

    @admin.action(permissions=["change"], description="Approve selected suggestions (share with everyone)")
    def approve(self, request, queryset):
        suggested = queryset.filter(status=ReviewStatus.SUGGESTED)
        count = self._save_each(suggested, status=ReviewStatus.APPROVED, rejection_reason="")
        skipped = queryset.count() - count
        note = (
            f" {skipped} selected food{'s were' if skipped != 1 else ' was'} not a suggestion."
            if skipped
            else ""
        )
        self.message_user(request, f"Approved {count} suggested food{'s' if count != 1 else ''}.{note}")

    @staticmethod
    def _save_each(queryset, **values) -> int:
        """Change each food with save(), so that every change is in its history."""
        count = 0
        for food in queryset:
            for name, value in values.items():
                setattr(food, name, value)
            food.save()
            count += 1
        return count


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Everyday names the food search understands ("soy milk" → "soymilk")."""

    list_display = ("phrase", "means")
    search_fields = ("phrase", "means")
