from django.apps import AppConfig


class SchoolbeheerConfig(AppConfig):
    name = "leerrecht.web.schoolbeheer"
    verbose_name = "Schoolbeheer"
    default_auto_field = "django.db.models.BigAutoField"
