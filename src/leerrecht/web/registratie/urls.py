from django.urls import path

from leerrecht.web.registratie import views

urlpatterns = [
    path("", views.werklijst, name="werklijst"),
    path("registreren/<int:groep_id>/", views.registreren, name="registreren"),
    path("leerlingen/<int:leerling_id>/", views.leerling, name="leerling"),
    path("leerlingen/<int:leerling_id>/actie/", views.actie_afhandelen, name="actie_afhandelen"),
]
