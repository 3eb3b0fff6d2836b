from django.urls import URLPattern

app_name = "brieven"
urlpatterns: list[URLPattern] = []
