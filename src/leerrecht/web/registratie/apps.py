from django.apps import AppConfig


class RegistratieConfig(AppConfig):
    name = "leerrecht.web.registratie"
    verbose_name = "Aan- en afwezigheidsregistratie"
    default_auto_field = "django.db.models.BigAutoField"
