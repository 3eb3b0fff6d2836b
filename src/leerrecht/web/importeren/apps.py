from django.apps import AppConfig


class ImporterenConfig(AppConfig):
    name = "leerrecht.web.importeren"
    verbose_name = "Importeren uit CSV en LAS"
    default_auto_field = "django.db.models.BigAutoField"
