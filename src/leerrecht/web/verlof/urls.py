from django.urls import URLPattern

app_name = "verlof"
urlpatterns: list[URLPattern] = []
