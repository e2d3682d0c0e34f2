from django.urls import path

from . import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("manage/", views.call_manage_list, name="manage"),
    path("manage/new/", views.call_create, name="create"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/edit/", views.call_edit, name="edit"),
    path("<slug:slug>/publish/", views.call_publish, name="publish"),
    path("<slug:slug>/criteria/new/", views.criterion_edit, name="criterion_add"),
    path("<slug:slug>/criteria/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("<slug:slug>/questions/new/", views.question_edit, name="question_add"),
    path("<slug:slug>/questions/<int:pk>/", views.question_edit, name="question_edit"),
]
