from django.urls import path

from leerrecht.web.verlof import views

app_name = "verlof"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/besluit.pdf", views.besluit_pdf, name="besluit_pdf"),
    path("<int:pk>/werkgeversverklaring/", views.werkgeversverklaring, name="werkgeversverklaring"),
    path("toegang/", views.toegang_lijst, name="toegang_lijst"),
    path("toegang/<int:leerling_id>/", views.toegang, name="toegang"),
]
