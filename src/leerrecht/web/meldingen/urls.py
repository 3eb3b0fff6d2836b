from django.urls import path

from leerrecht.web.meldingen import views

app_name = "meldingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("export/", views.export, name="export"),
    path("versturen/", views.versturen, name="versturen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/export/", views.export, name="export_melding"),
]
