from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save


def _nieuwe_school(sender: type, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    """A new school starts with the shipped letter templates."""
    if created and not raw:
        from leerrecht.web.brieven.standaard import standaard_sjablonen

        standaard_sjablonen(instance)


class BrievenConfig(AppConfig):
    name = "leerrecht.web.brieven"
    verbose_name = "Brieven aan ouders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from leerrecht.web.scholen.models import School

        post_save.connect(_nieuwe_school, sender=School, dispatch_uid="brieven_standaard_sjablonen")
