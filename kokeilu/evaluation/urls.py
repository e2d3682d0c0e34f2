from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.my_assignments, name="my_assignments"),
    path("calls/<slug:slug>/", views.call_proposals, name="call_proposals"),
    path("calls/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("calls/<slug:slug>/ranking.csv", views.ranking_csv, name="ranking_csv"),
    path("assignments/<int:pk>/", views.review, name="review"),
    path("assignments/<int:pk>/conflict/", views.conflict, name="conflict"),
    path("assignments/<int:pk>/delete/", views.assignment_delete, name="assignment_delete"),
    path("proposals/<int:pk>/", views.proposal_reviews, name="proposal_reviews"),
    path("proposals/<int:pk>/assign/", views.assign, name="assign"),
    path("proposals/<int:pk>/decision/", views.decide, name="decide"),
]
