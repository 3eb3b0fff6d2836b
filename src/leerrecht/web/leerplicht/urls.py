from django.urls import path

from leerrecht.web.leerplicht import views

app_name = "leerplicht"

urlpatterns = [
    path("", views.start, name="start"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.melding, name="melding"),
    path("inbox/<int:pk>/behandelen/", views.behandelen, name="behandelen"),
    path("jeugdigen/<int:pk>/", views.jeugdige, name="jeugdige"),
    path("leerlingen/<int:pk>/", views.leerling, name="leerling"),
    path("contactpersonen/", views.contactpersonen, name="contactpersonen"),
    path("importeren/", views.importeren, name="importeren"),
]
