from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from leerrecht.web.bewaartermijnen.models import BewaarRun


@admin.register(BewaarRun)
class BewaarRunAdmin(admin.ModelAdmin[BewaarRun]):
    """The last runs of the retention job, read only."""

    list_display = ["gestart_op", "peildatum", "uitgevoerd", "totaal", "bestanden", "duur"]
    list_filter = ["uitgevoerd"]
    fields = ("gestart_op", "peildatum", "uitgevoerd", "totaal", "bestanden", "duur", "regels")
    readonly_fields = fields

    @admin.display(description=_("per categorie, model en eigenaar"))
    def regels(self, obj: BewaarRun) -> SafeString:
        rijen = [
            (r["categorie"], r["model"], r["actie"], r["eigenaar"], r["aantal"])
            for r in obj.rapport.get("regels", [])
        ]
        return format_html_join("", "<div>{}: {} {} ({}): {}</div>", rijen) or SafeString("-")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: BewaarRun | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: BewaarRun | None = None) -> bool:
        return False
