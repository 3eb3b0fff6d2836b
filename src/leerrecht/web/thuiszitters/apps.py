from django.apps import AppConfig


class ThuiszittersConfig(AppConfig):
    name = "leerrecht.web.thuiszitters"
    verbose_name = "Thuiszitters"
    default_auto_field = "django.db.models.BigAutoField"
