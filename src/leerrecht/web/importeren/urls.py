from django.urls import URLPattern

app_name = "importeren"
urlpatterns: list[URLPattern] = []
