from django.contrib import admin
from django.http import HttpRequest

from leerrecht.web.audit.models import AuditRegel


@admin.register(AuditRegel)
class AuditRegelAdmin(admin.ModelAdmin[AuditRegel]):
    """Read only: the log is append only."""

    list_display = ["wanneer", "wie", "actie", "wat", "leerling_id", "school_id", "doel"]
    list_filter = ["actie", "wanneer"]
    search_fields = ["wat", "doel", "omschrijving"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditRegel | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditRegel | None = None) -> bool:
        return False
