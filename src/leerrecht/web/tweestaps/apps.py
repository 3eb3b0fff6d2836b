from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TweestapsConfig(AppConfig):
    name = "leerrecht.web.tweestaps"
    verbose_name = _("Inloggen en twee-factor")

    def ready(self) -> None:
        from leerrecht.web.tweestaps import checks, sessie  # noqa: F401  (registers them)
