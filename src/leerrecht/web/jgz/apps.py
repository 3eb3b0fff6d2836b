from django.apps import AppConfig


class JgzConfig(AppConfig):
    name = "leerrecht.web.jgz"
    verbose_name = "Jeugdgezondheidszorg"
    default_auto_field = "django.db.models.BigAutoField"
