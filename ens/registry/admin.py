"""The registry in the Django admin: read-mostly, since the import is the source of truth.

The operators correct a row by fixing the Assurance Maladie's file and importing it again;
the admin lets them look people up and follow their links, not edit them.
"""

from django.contrib import admin

from .models import CarteVitale, InsuredPerson, ParentLink
from .nir import format_nir


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CarteVitaleInline(admin.StackedInline):
    model = CarteVitale
    can_delete = False
    readonly_fields = ("serial", "has_photo")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ParentLinkInline(admin.TabularInline):
    model = ParentLink
    fk_name = "child"
    verbose_name = "parent (ouvrant droit)"
    verbose_name_plural = "parents (ouvrants droit)"
    readonly_fields = ("parent",)
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InsuredPerson)
class InsuredPersonAdmin(ReadOnlyAdmin):
    list_display = ("formatted_nir", "last_name", "first_name", "birth_date", "postal_code")
    search_fields = ("=nir", "last_name", "email")
    list_filter = ("sex",)
    date_hierarchy = "birth_date"
    show_full_result_count = False  # a count(*) over millions of rows on every page
    inlines = (CarteVitaleInline, ParentLinkInline)

    @admin.display(description="NIR", ordering="nir")
    def formatted_nir(self, person: InsuredPerson) -> str:
        return format_nir(person.nir)


@admin.register(CarteVitale)
class CarteVitaleAdmin(ReadOnlyAdmin):
    list_display = ("serial", "has_photo", "person")
    search_fields = ("=serial", "=person__nir")
    list_select_related = ("person",)


@admin.register(ParentLink)
class ParentLinkAdmin(ReadOnlyAdmin):
    list_display = ("child", "parent")
    search_fields = ("=child__nir", "=parent__nir")
    list_select_related = ("child", "parent")
