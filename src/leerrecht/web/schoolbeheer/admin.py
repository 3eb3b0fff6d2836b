from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.schoolbeheer.models import ProtocolWijziging, SchoolVakantie, SchoolVrijeDag


@admin.register(SchoolVrijeDag)
class SchoolVrijeDagAdmin(admin.ModelAdmin[SchoolVrijeDag]):
    list_display = ["datum", "omschrijving", "school"]
    list_filter = ["school"]


@admin.register(SchoolVakantie)
class SchoolVakantieAdmin(admin.ModelAdmin[SchoolVakantie]):
    list_display = ["naam", "eerste_dag", "laatste_dag", "school"]
    list_filter = ["school", "naam"]


@admin.register(ProtocolWijziging)
class ProtocolWijzigingAdmin(admin.ModelAdmin[ProtocolWijziging]):
    """Read only: a record of what happened."""

    list_display = ["school", "oud", "nieuw", "door", "op"]
    list_filter = ["school"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
