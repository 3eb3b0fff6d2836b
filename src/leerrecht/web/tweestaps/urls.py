"""The second login step and enrolment; see views.py for the flow."""

from django.urls import path

from leerrecht.web.tweestaps import views

app_name = "tweestaps"
urlpatterns = [
    path("", views.code, name="code"),
    path("instellen/", views.instellen, name="instellen"),
    path("reservecodes/", views.reservecodes, name="reservecodes"),
    path("reservecodes/nieuw/", views.reservecodes_nieuw, name="reservecodes_nieuw"),
]
