from django.urls import URLPattern

app_name = "meldingen"
urlpatterns: list[URLPattern] = []
