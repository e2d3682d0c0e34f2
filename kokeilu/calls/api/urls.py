from django.urls import path

from . import views

urlpatterns = [
    path("calls/", views.CallListApi.as_view(), name="api-call-list"),
    path("calls/<slug:slug>/", views.CallDetailApi.as_view(), name="api-call-detail"),
    path("calls/<slug:slug>/selected/", views.SelectedPilotListApi.as_view(), name="api-call-selected"),
]
