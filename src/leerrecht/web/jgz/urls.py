from django.urls import path

from leerrecht.web.jgz import views

app_name = "jgz"

urlpatterns = [
    # the jeugdarts
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.verwijzing, name="verwijzing"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/toestemming/", views.toestemming, name="toestemming"),
    path(
        "<int:pk>/toestemming/<int:toestemming_id>/intrekken/",
        views.toestemming_intrekken,
        name="toestemming_intrekken",
    ),
    # the school
    path("school/", views.school_lijst, name="school_lijst"),
    path("school/nieuw/", views.school_nieuw, name="school_nieuw"),
    path("school/<int:pk>/", views.school_verwijzing, name="school_verwijzing"),
    path("school/<int:pk>/intrekken/", views.school_intrekken, name="school_intrekken"),
    path(
        "school/<int:pk>/overig-verzuim/",
        views.school_overig_verzuim,
        name="school_overig_verzuim",
    ),
]
