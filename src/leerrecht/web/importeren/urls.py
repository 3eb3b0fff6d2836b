from django.urls import path

from leerrecht.web.importeren import views

app_name = "importeren"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.voorbeeld, name="voorbeeld"),
    path("<int:pk>/bevestigen/", views.bevestigen, name="bevestigen"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/afbreken/", views.afbreken, name="afbreken"),
    path("codes/", views.codes, name="codes"),
]
