from django.contrib import admin

from leerrecht.web.verlof.models import OuderToegang, VerlofAanvraag


@admin.register(OuderToegang)
class OuderToegangAdmin(admin.ModelAdmin[OuderToegang]):
    """Codes are issued on the staff page (the plain code is shown once there), not here."""

    list_display = [
        "prefix",
        "leerling",
        "actief",
        "aangemaakt_door",
        "aangemaakt_op",
        "laatst_gebruikt",
    ]
    list_filter = ["actief"]
    readonly_fields = [
        "leerling",
        "prefix",
        "aangemaakt_door",
        "aangemaakt_op",
        "laatst_gebruikt",
    ]
    fields = ["leerling", "prefix", "actief", "aangemaakt_door", "aangemaakt_op", "laatst_gebruikt"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(VerlofAanvraag)
class VerlofAanvraagAdmin(admin.ModelAdmin[VerlofAanvraag]):
    list_display = ["leerling", "soort", "start", "end", "status", "aangevraagd_op", "besloten_op"]
    list_filter = ["status", "soort"]
    date_hierarchy = "start"
    # decisions go through the directeur's page (legal check, registrations, letter)
    readonly_fields = [
        "status",
        "besluit_motivering",
        "besloten_door",
        "besloten_op",
        "toetsing",
        "ingediend_via",
    ]
