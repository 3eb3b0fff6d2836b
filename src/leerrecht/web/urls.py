from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from leerrecht.web.tweestaps.views import InloggenView

urlpatterns = [
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("tweestaps/", include("leerrecht.web.tweestaps.urls")),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meldingen/", include("leerrecht.web.meldingen.urls")),
    path("verlof/", include("leerrecht.web.verlof.urls")),
    path("ouders/", include("leerrecht.web.verlof.ouder_urls")),
    path("importeren/", include("leerrecht.web.importeren.urls")),
    path("brieven/", include("leerrecht.web.brieven.urls")),
    path("leerlingzaken/", include("leerrecht.web.leerlingzaken.urls")),
    path("schoolbeheer/", include("leerrecht.web.schoolbeheer.urls")),
    path("leerplicht/", include("leerrecht.web.leerplicht.urls")),
    path("dossiers/", include("leerrecht.web.dossiers.urls")),
    path("thuiszitters/", include("leerrecht.web.thuiszitters.urls")),
    path("jgz/", include("leerrecht.web.jgz.urls")),
    path("vrijstellingen/", include("leerrecht.web.vrijstellingen.urls")),
    path("privacy/", include("leerrecht.web.audit.urls")),
    path("", include("leerrecht.web.registratie.urls")),
]
