from django.apps import AppConfig


class VerlofConfig(AppConfig):
    name = "leerrecht.web.verlof"
    verbose_name = "Verlof en ziekmeldingen door ouders"
    default_auto_field = "django.db.models.BigAutoField"
