from django.urls import path

from leerrecht.web.thuiszitters import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.register_lijst, name="register"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/overleg/", views.overleg, name="overleg"),
    path("<int:pk>/status/", views.status, name="status"),
    path("suggesties/", views.suggesties, name="suggesties"),
    path("suggesties/opnemen/", views.opnemen, name="opnemen"),
    path("termijnen/", views.termijnen_lijst, name="termijnen"),
    path("swv/", views.swv_overzicht, name="swv_overzicht"),
    path("swv/overzicht.csv", views.swv_overzicht_csv, name="swv_overzicht_csv"),
    path("swv/overzicht.pdf", views.swv_overzicht_pdf, name="swv_overzicht_pdf"),
    path("analyse/", views.analyse, name="analyse"),
    path("analyse/analyse.csv", views.analyse_csv, name="analyse_csv"),
    path("jaarcijfers/", views.jaarcijfers, name="jaarcijfers"),
    path("jaarcijfers/school/", views.jaarcijfers_school, name="jaarcijfers_school"),
]
