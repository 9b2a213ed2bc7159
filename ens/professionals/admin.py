"""The operator edits the *matrice d'habilitation* here (issue 7, Professionals item 3)."""

from django.contrib import admin

from .models import HabilitationRule, Professional


@admin.register(HabilitationRule)
class HabilitationRuleAdmin(admin.ModelAdmin):
    list_display = ("profession", "category", "allowed")
    list_editable = ("allowed",)
    list_filter = ("profession", "category", "allowed")
    ordering = ("profession", "category")


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ("rpps", "last_name", "first_name", "profession", "specialty")
    search_fields = ("rpps", "last_name")
    list_filter = ("profession",)
