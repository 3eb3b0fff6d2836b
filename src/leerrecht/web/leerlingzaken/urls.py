from django.urls import path

from leerrecht.web.leerlingzaken import views

app_name = "leerlingzaken"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("leerling/<int:leerling_id>/schorsing/", views.schorsing_nieuw, name="schorsing_nieuw"),
    path("schorsingen/<int:pk>/", views.schorsing, name="schorsing"),
    path(
        "leerling/<int:leerling_id>/verwijdering/",
        views.verwijdering_leerling,
        name="verwijdering_leerling",
    ),
    path("verwijderingen/<int:pk>/", views.verwijdering, name="verwijdering"),
]
