from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.brieven.models import BriefSjabloon, VerzondenBrief


@admin.register(BriefSjabloon)
class BriefSjabloonAdmin(admin.ModelAdmin[BriefSjabloon]):
    list_display = ["naam", "school", "soort", "protocol", "stap", "actief", "gewijzigd_op"]
    list_filter = ["school", "soort", "actief"]
    search_fields = ["naam", "onderwerp"]
    readonly_fields = ["gewijzigd_door", "gewijzigd_op"]

    def save_model(self, request: HttpRequest, obj: BriefSjabloon, form: Any, change: bool) -> None:
        if request.user.is_authenticated:
            obj.gewijzigd_door_id = request.user.pk
        super().save_model(request, obj, form, change)


@admin.register(VerzondenBrief)
class VerzondenBriefAdmin(admin.ModelAdmin[VerzondenBrief]):
    list_display = ["onderwerp", "leerling", "stap", "stap_datum", "aangemaakt_door", "datum"]
    list_filter = ["sjabloon__school", "sjabloon__soort"]
    search_fields = ["leerling_naam", "onderwerp"]
    date_hierarchy = "stap_datum"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # letters are made from a reached protocol step, never by hand

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a sent letter stays as it was sent
