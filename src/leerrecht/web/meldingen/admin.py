from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.meldingen.models import DuoMelding, StatusWijziging


class StatusWijzigingInline(admin.TabularInline[StatusWijziging, DuoMelding]):
    model = StatusWijziging
    fields = ["op", "van", "naar", "door", "notitie"]
    readonly_fields = ["op", "van", "naar", "door", "notitie"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


AANVULLING = ["vermoedelijke_reden", "toelichting", "ondernomen_acties", "contactpersoon"]


@admin.register(DuoMelding)
class DuoMeldingAdmin(admin.ModelAdmin[DuoMelding]):
    list_display = ["leerling", "school", "soort", "begin", "einde", "uiterlijk", "status"]
    list_filter = ["status", "soort", "school"]
    search_fields = ["leerling__achternaam", "leerling__leerlingnummer", "meldingsnummer"]
    date_hierarchy = "begin"
    # the status only changes through the transitions (leerrecht.web.meldingen.statussen),
    # and what the rules computed is not edited by hand
    readonly_fields = [
        "school",
        "leerling",
        "locatie",
        "soort",
        "begin",
        "einde",
        "uren",
        "uiterlijk",
        "volgnummer",
        "bereikt",
        "status",
        "meldingsnummer",
        "woongemeente",
        "verzuimdagen",
        "uitleg",
        "aangemaakt_op",
        "gewijzigd_op",
    ]
    inlines = [StatusWijzigingInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if isinstance(obj, DuoMelding) and not obj.is_concept:
            # what went to DUO is the record: nothing changes after it was reported
            return [*self.readonly_fields, *AANVULLING]
        return list(self.readonly_fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # concepts come from the rules

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a melding is withdrawn (ingetrokken), never deleted


@admin.register(StatusWijziging)
class StatusWijzigingAdmin(admin.ModelAdmin[StatusWijziging]):
    list_display = ["melding", "van", "naar", "door", "op"]
    list_filter = ["naar"]
    date_hierarchy = "op"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # history is append only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
