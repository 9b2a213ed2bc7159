"""The access log in the admin: read-only, as the log is append-only (ens.access.models)."""

from django.contrib import admin

from .models import AccessChainHead, AccessLogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["person", "seq", "created_at", "actor_label", "action", "resource", "mode"]
    list_filter = ["action", "actor_kind", "mode"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
    search_fields = ["person__nir"]


@admin.register(AccessChainHead)
class AccessChainHeadAdmin(ReadOnlyAdmin):
    list_display = ["person", "last_seq", "last_hash"]
    raw_id_fields = ["person"]
