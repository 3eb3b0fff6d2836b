"""The samenwerkingsverbanden and their users are set up by the application administrator."""

from django.contrib import admin

from leerrecht.web.thuiszitters.models import Samenwerkingsverband, SwvRol


class SwvRolInline(admin.TabularInline[SwvRol, Samenwerkingsverband]):
    model = SwvRol
    extra = 1
    autocomplete_fields = ["gebruiker"]


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin[Samenwerkingsverband]):
    list_display = ["naam", "code", "sector"]
    list_filter = ["sector"]
    search_fields = ["naam", "code"]
    filter_horizontal = ["scholen", "gemeenten"]
    inlines = [SwvRolInline]
