from django.urls import path

from leerrecht.web.vrijstellingen import views

app_name = "vrijstellingen"

urlpatterns = [
    # the leerplicht office
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/verklaring/", views.verklaring, name="verklaring"),
    path("<int:pk>/besluit.pdf", views.brief_pdf, name="brief"),
    path("verlof/<int:pk>/", views.verlof, name="verlof"),
    path("verlof/<int:pk>/besluit.pdf", views.verlof_brief, name="verlof_brief"),
    # the school
    path("school/", views.school_lijst, name="school_lijst"),
    path("school/<int:pk>/besluit.pdf", views.school_brief, name="school_brief"),
    path(
        "school/verlof/<int:pk>/besluit.pdf",
        views.school_verlof_brief,
        name="school_verlof_brief",
    ),
    # the parent (verlof pages of leerrecht.web.verlof)
    path(
        "ouders/verlof/<int:pk>/besluit.pdf",
        views.ouder_verlof_brief,
        name="ouder_verlof_brief",
    ),
]
