from django.apps import AppConfig


class LeerplichtConfig(AppConfig):
    name = "leerrecht.web.leerplicht"
    verbose_name = "Leerplicht"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Receive the schools' meldingen: every status change of a DuoMelding is signalled."""
        from leerrecht.web.leerplicht.ontvangst import bij_statuswijziging
        from leerrecht.web.meldingen.signalen import status_gewijzigd

        status_gewijzigd.connect(
            bij_statuswijziging, dispatch_uid="leerplicht.ontvangst.bij_statuswijziging"
        )
        from django.apps import apps

        if apps.is_installed("leerrecht.web.dossiers"):
            # a terugkoppeling done in a dossier is the one the school sees with its melding
            from leerrecht.web.dossiers.signalen import terugkoppeling_gedaan
            from leerrecht.web.leerplicht.statussen import bij_terugkoppeling_in_dossier

            terugkoppeling_gedaan.connect(
                bij_terugkoppeling_in_dossier,
                dispatch_uid="leerplicht.statussen.bij_terugkoppeling_in_dossier",
            )
