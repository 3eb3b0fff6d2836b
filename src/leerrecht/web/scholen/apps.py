from django.apps import AppConfig


class ScholenConfig(AppConfig):
    name = "leerrecht.web.scholen"
    verbose_name = "Besturen, scholen, groepen en leerlingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from leerrecht.web.scholen import checks  # noqa: F401  (registers the system checks)
