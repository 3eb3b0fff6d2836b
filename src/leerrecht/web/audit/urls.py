from django.urls import path

from leerrecht.web.audit import views

app_name = "privacy"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("auditlog.csv", views.export, name="export"),
]
