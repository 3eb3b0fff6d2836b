from django.contrib import admin

from leerrecht.web.registratie.models import Registratie, RegistratieWijziging


@admin.register(Registratie)
class RegistratieAdmin(admin.ModelAdmin[Registratie]):
    list_display = ["leerling", "datum", "moment", "soort", "reden", "uren"]
    list_filter = ["soort", "reden"]
    date_hierarchy = "datum"


@admin.register(RegistratieWijziging)
class RegistratieWijzigingAdmin(admin.ModelAdmin[RegistratieWijziging]):
    list_display = [
        "leerling",
        "datum",
        "moment",
        "oude_waarde",
        "nieuwe_waarde",
        "gewijzigd_door",
        "gewijzigd_op",
    ]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # history is append only

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
