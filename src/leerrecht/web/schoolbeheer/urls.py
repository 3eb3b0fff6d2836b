from django.urls import path

from leerrecht.web.schoolbeheer import views

app_name = "schoolbeheer"
urlpatterns = [
    path("", views.start, name="start"),
    path("groepen/", views.groepen, name="groepen"),
    path("groepen/<int:pk>/", views.groep_bewerken, name="groep_bewerken"),
    path("groepen/<int:pk>/verwijderen/", views.groep_verwijderen, name="groep_verwijderen"),
    path("leerlingen/", views.leerlingen, name="leerlingen"),
    path("leerlingen/nieuw/", views.leerling_nieuw, name="leerling_nieuw"),
    path("leerlingen/<int:pk>/", views.leerling_bewerken, name="leerling_bewerken"),
    path(
        "leerlingen/<int:pk>/uitschrijven/",
        views.leerling_uitschrijven,
        name="leerling_uitschrijven",
    ),
    path(
        "leerlingen/<int:pk>/verwijderen/", views.leerling_verwijderen, name="leerling_verwijderen"
    ),
    path("personeel/", views.personeel, name="personeel"),
    path("personeel/nieuw/", views.medewerker_nieuw, name="medewerker_nieuw"),
    path("personeel/<int:pk>/", views.medewerker, name="medewerker"),
    path("kalender/", views.kalender_view, name="kalender"),
    path(
        "kalender/vrije-dagen/<int:pk>/verwijderen/",
        views.vrije_dag_verwijderen,
        name="vrije_dag_verwijderen",
    ),
    path(
        "kalender/vakanties/<int:pk>/verwijderen/",
        views.vakantie_verwijderen,
        name="vakantie_verwijderen",
    ),
    path("protocol/", views.protocol, name="protocol"),
]
