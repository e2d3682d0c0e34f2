from django.urls import path

from . import manage_views, views

urlpatterns = [
    path("platforms/", views.PlatformListApi.as_view(), name="api-platform-list"),
    path("needs/", views.NeedListApi.as_view(), name="api-need-list"),
    # The manager's side: needs of the platforms the user manages, in any status.
    path("manage/needs/", manage_views.ManagedNeedListCreateApi.as_view(), name="api-manage-need-list"),
    path(
        "manage/needs/<int:pk>/", manage_views.ManagedNeedDetailApi.as_view(), name="api-manage-need-detail"
    ),
]
