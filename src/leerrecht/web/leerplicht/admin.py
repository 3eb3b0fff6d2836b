from django.contrib import admin

from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    Contactpersoon,
    Gemeente,
    Jeugdige,
    Werkgebied,
)


class WerkgebiedInline(admin.TabularInline[Werkgebied, Bureau]):
    model = Werkgebied
    autocomplete_fields = ["gemeente"]
    extra = 1


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin[Bureau]):
    list_display = ["naam", "email", "telefoon"]
    search_fields = ["naam"]
    inlines = [WerkgebiedInline]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin[Gemeente]):
    list_display = ["naam", "code", "provincie"]
    search_fields = ["naam", "code"]


@admin.register(BureauRol)
class BureauRolAdmin(admin.ModelAdmin[BureauRol]):
    list_display = ["gebruiker", "bureau", "soort"]
    list_filter = ["soort", "bureau"]


@admin.register(Contactpersoon)
class ContactpersoonAdmin(admin.ModelAdmin[Contactpersoon]):
    list_display = ["school", "consulent", "bureau"]
    list_filter = ["bureau"]


@admin.register(Jeugdige)
class JeugdigeAdmin(admin.ModelAdmin[Jeugdige]):
    list_display = ["achternaam", "voornaam", "geboortedatum", "bureau"]
    list_filter = ["bureau"]
    search_fields = ["achternaam", "voornaam"]
