"""Setting up JGZ organisations, the schools they serve, and their staff (platform admin).

Referrals are not in the admin: they hold health-related data and are only shown on the pages
that check the roles and write the audit log.
"""

from django.contrib import admin

from leerrecht.web.jgz.models import JgzOrganisatie, JgzRol


@admin.register(JgzOrganisatie)
class JgzOrganisatieAdmin(admin.ModelAdmin[JgzOrganisatie]):
    list_display = ["naam"]
    search_fields = ["naam"]
    filter_horizontal = ["scholen"]


@admin.register(JgzRol)
class JgzRolAdmin(admin.ModelAdmin[JgzRol]):
    list_display = ["gebruiker", "organisatie", "soort"]
    list_filter = ["soort", "organisatie"]
