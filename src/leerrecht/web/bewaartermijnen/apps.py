from django.apps import AppConfig


class BewaartermijnenConfig(AppConfig):
    name = "leerrecht.web.bewaartermijnen"
    verbose_name = "Bewaartermijnen"
    default_auto_field = "django.db.models.BigAutoField"
