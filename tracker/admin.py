from django.contrib import admin

from tracker.models import IntakeEntry, SupplementEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff may look at a user's log to help them; nobody edits it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IntakeEntry)
class IntakeEntryAdmin(ReadOnlyAdmin):
    list_display = ("date", "user", "meal", "food", "amount_g", "magnesium_mg")
    list_filter = ("meal", "date")
    search_fields = ("user__username", "food__name")
    date_hierarchy = "date"
    list_select_related = ("user", "food")


@admin.register(SupplementEntry)
class SupplementEntryAdmin(ReadOnlyAdmin):
    list_display = ("date", "user", "name", "form", "doses", "magnesium_mg")
    list_filter = ("form", "date")
    search_fields = ("user__username", "name")
    date_hierarchy = "date"
    list_select_related = ("user",)
