from django.urls import path

from leerrecht.web.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("termijnen/", views.instellingen, name="instellingen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/route/", views.route, name="route"),
    path("<int:pk>/behandelaar/", views.behandelaar, name="behandelaar"),
    path("<int:pk>/acties/nieuw/", views.actie_nieuw, name="actie_nieuw"),
    path("<int:pk>/acties/<int:actie_pk>/", views.actie_afronden, name="actie_afronden"),
    path("<int:pk>/notities/nieuw/", views.notitie_nieuw, name="notitie_nieuw"),
    path("<int:pk>/documenten/nieuw/", views.document_nieuw, name="document_nieuw"),
    path("<int:pk>/documenten/<int:document_pk>/", views.document, name="document"),
]
