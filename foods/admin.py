from django.contrib import admin

from foods.models import Food, Portion


class PortionInline(admin.TabularInline):
    model = Portion
    extra = 0
    fields = ("seq", "description", "grams")


@admin.register(Food)
class FoodAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "magnesium_mg", "fdc_id", "source", "is_active")
    list_filter = ("category", "source", "is_active")
    search_fields = ("name", "=source_id", "=fdc_id")
    readonly_fields = ("created_at", "updated_at")
    raw_id_fields = ("created_by",)
    inlines = [PortionInline]
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("name", "category", "is_active")}),
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
        ("History", {"fields": ("created_at", "updated_at")}),
    )
