from django.apps import AppConfig


class LeerplichtConfig(AppConfig):
    name = "leerrecht.web.leerplicht"
    verbose_name = "Leerplicht"
    default_auto_field = "django.db.models.BigAutoField"
