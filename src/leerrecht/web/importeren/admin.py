from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.importeren.models import CodeKoppeling, ImportOpdracht


@admin.register(CodeKoppeling)
class CodeKoppelingAdmin(admin.ModelAdmin[CodeKoppeling]):
    list_display = ["school", "code", "soort", "reden"]
    list_filter = ["school", "soort", "reden"]
    search_fields = ["code"]


@admin.register(ImportOpdracht)
class ImportOpdrachtAdmin(admin.ModelAdmin[ImportOpdracht]):
    """Read only: an import is a record of what happened; the file itself is not shown."""

    list_display = ["bestandsnaam", "school", "formaat", "status", "gebruiker", "aangemaakt_op"]
    list_filter = ["status", "formaat", "school"]
    exclude = ["bestand"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
