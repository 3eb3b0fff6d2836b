from django.apps import AppConfig


class EvaluatiesConfig(AppConfig):
    name = "leerrecht.web.evaluaties"
    verbose_name = "Bewaarde evaluaties (incrementeel)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from leerrecht.web.evaluaties import signalen  # noqa: F401  (connects the receivers)
