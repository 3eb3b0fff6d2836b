from django.urls import path

from leerrecht.web.brieven import views

app_name = "brieven"
urlpatterns = [
    path("sjablonen/", views.sjablonen, name="sjablonen"),
    path("sjablonen/nieuw/", views.sjabloon_nieuw, name="sjabloon_nieuw"),
    path("sjablonen/<int:pk>/", views.sjabloon_bewerken, name="sjabloon_bewerken"),
    path("maken/", views.maken, name="maken"),
    path("leerlingen/<int:leerling_id>/", views.leerling, name="leerling"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/email/", views.email, name="email"),
]
