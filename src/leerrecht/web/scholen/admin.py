from django.contrib import admin

from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Locatie, Rol, School


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin[Bestuur]):
    search_fields = ["naam"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ["naam", "brin", "sector", "regio", "protocol", "bestuur"]
    list_filter = ["sector", "regio"]


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin[Locatie]):
    list_display = ["naam", "school", "plaats"]


@admin.register(Groep)
class GroepAdmin(admin.ModelAdmin[Groep]):
    list_display = ["naam", "school", "locatie"]
    list_filter = ["school"]


@admin.register(Leerling)
class LeerlingAdmin(admin.ModelAdmin[Leerling]):
    list_display = ["leerlingnummer", "voornaam", "achternaam", "groep", "school"]
    list_filter = ["school", "groep"]
    search_fields = ["leerlingnummer", "achternaam"]


@admin.register(Rol)
class RolAdmin(admin.ModelAdmin[Rol]):
    list_display = ["gebruiker", "school", "soort"]
    list_filter = ["school", "soort"]
    filter_horizontal = ["groepen"]
