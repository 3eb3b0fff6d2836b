from django.urls import path  # noqa: F401

app_name = "leerplicht"

urlpatterns: list[object] = []
