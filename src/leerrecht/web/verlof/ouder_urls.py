"""Pages for parents, without an account: they sign in with a code issued by the school."""

from django.urls import path

from leerrecht.web.verlof import ouder_views

app_name = "ouders"
urlpatterns = [
    path("", ouder_views.code, name="code"),
    path("afmelden/", ouder_views.afmelden, name="afmelden"),
    path("overzicht/", ouder_views.overzicht, name="overzicht"),
    path("ziekmelding/", ouder_views.ziekmelding, name="ziekmelding"),
    path("verlof/", ouder_views.aanvragen, name="verlof"),
    path("verlof/<int:pk>/", ouder_views.aanvraag, name="aanvraag"),
    path("verlof/<int:pk>/besluit.pdf", ouder_views.besluit_pdf, name="besluit_pdf"),
]
