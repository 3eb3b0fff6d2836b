from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "leerrecht.web.meldingen"
    verbose_name = "DUO-meldingen"
    default_auto_field = "django.db.models.BigAutoField"
