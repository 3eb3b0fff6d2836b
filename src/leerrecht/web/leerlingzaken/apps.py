from django.apps import AppConfig


class LeerlingzakenConfig(AppConfig):
    name = "leerrecht.web.leerlingzaken"
    verbose_name = "Schorsing en verwijdering"
    default_auto_field = "django.db.models.BigAutoField"
