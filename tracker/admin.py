from django.contrib import admin

from tracker.models import IntakeEntry


@admin.register(IntakeEntry)
class IntakeEntryAdmin(admin.ModelAdmin):
    """Staff may look at entries to help users; nobody edits them here."""

    list_display = ("date", "user", "meal", "food", "amount_g", "magnesium_mg")
    list_filter = ("meal", "date")
    search_fields = ("user__username", "food__name")
    date_hierarchy = "date"
    list_select_related = ("user", "food")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
