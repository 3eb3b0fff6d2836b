from django.apps import AppConfig


class VrijstellingenConfig(AppConfig):
    name = "leerrecht.web.vrijstellingen"
    verbose_name = "Vrijstellingen"
    default_auto_field = "django.db.models.BigAutoField"
