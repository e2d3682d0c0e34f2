"""Pages under /<lang>/experiments/<slug>/agreement/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement, name="agreement"),
    path("partners/new/", views.partner_add, name="partner_add"),
    path("partners/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/remove/", views.partner_remove, name="partner_remove"),
    path("draw/", views.draw, name="draw"),
    path("draft/", views.draft, name="draft"),
    path("publish/", views.publish, name="publish"),
    path("versions/<int:number>/", views.version, name="version"),
    path("versions/<int:number>/accept/", views.accept, name="accept"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template"),
]
