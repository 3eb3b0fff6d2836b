from django.apps import AppConfig


class BrievenConfig(AppConfig):
    name = "leerrecht.web.brieven"
    verbose_name = "Brieven aan ouders"
    default_auto_field = "django.db.models.BigAutoField"
