from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "leerrecht.web.audit"
    verbose_name = "Audit-log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from leerrecht.web.audit.triggers import sqlite_functie_registreren

        connection_created.connect(sqlite_functie_registreren, dispatch_uid="audit_sqlite_functie")
