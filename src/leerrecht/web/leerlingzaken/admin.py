from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.leerlingzaken.models import (
    Kennisgeving,
    Schorsing,
    SchorsingDag,
    Verwijdering,
    VerwijderingStap,
)


class KennisgevingInline(admin.TabularInline[Kennisgeving, Schorsing]):
    model = Kennisgeving
    fields = ["ontvanger", "verstuurd_op", "verstuurd_door", "vastgelegd_op"]
    readonly_fields = ["ontvanger", "verstuurd_op", "verstuurd_door", "vastgelegd_op"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SchorsingDagInline(admin.TabularInline[SchorsingDag, Schorsing]):
    model = SchorsingDag
    fields = ["datum", "vervangen"]
    readonly_fields = ["datum", "vervangen"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Schorsing)
class SchorsingAdmin(admin.ModelAdmin[Schorsing]):
    """Schorsingen are registered and withdrawn on the directeur's pages (checks, registrations,
    history); here they can be looked at."""

    list_display = ["leerling", "eerste_dag", "laatste_dag", "besluit_op", "ingetrokken_op"]
    list_filter = ["leerling__school"]
    search_fields = ["leerling__achternaam", "leerling__leerlingnummer"]
    date_hierarchy = "eerste_dag"
    readonly_fields = [
        "leerling",
        "eerste_dag",
        "laatste_dag",
        "besluit_op",
        "ouders_geinformeerd_op",
        "geregistreerd_door",
        "geregistreerd_op",
        "ingetrokken_op",
        "ingetrokken_door",
        "intrekking_reden",
    ]
    inlines = [KennisgevingInline, SchorsingDagInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a schorsing is withdrawn (ingetrokken), never deleted


class VerwijderingStapInline(admin.TabularInline[VerwijderingStap, Verwijdering]):
    model = VerwijderingStap
    fields = ["stap", "datum", "notitie", "vastgelegd_door", "vastgelegd_op"]
    readonly_fields = ["stap", "datum", "vastgelegd_door", "vastgelegd_op"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Verwijdering)
class VerwijderingAdmin(admin.ModelAdmin[Verwijdering]):
    """Steps only go through the procedure page (fixed order, checks, enrolment)."""

    list_display = ["leerling", "status", "cluster", "aangemaakt_op"]
    list_filter = ["status", "leerling__school"]
    search_fields = ["leerling__achternaam", "leerling__leerlingnummer"]
    readonly_fields = [
        "leerling",
        "status",
        "nieuwe_school",
        "nieuwe_inschrijving_vanaf",
        "aangemaakt_door",
        "aangemaakt_op",
    ]
    inlines = [VerwijderingStapInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
