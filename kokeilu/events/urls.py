"""Pages under /<lang>/experiments/<slug>/events/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("calendar/", views.feed_manage, name="feed_manage"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/unregister/", views.unregister, name="unregister"),
    path("<int:pk>/slots/", views.slots_generate, name="slots_generate"),
    path("<int:pk>/slots/<int:slot_id>/book/", views.slot_book, name="slot_book"),
    path("<int:pk>/slots/cancel/", views.booking_cancel, name="booking_cancel"),
    path("<int:pk>/slots/<int:slot_id>/delete/", views.slot_delete, name="slot_delete"),
    path("<int:pk>/bookings/<int:booking_id>/cancel/", views.booking_remove, name="booking_remove"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants.csv", views.participants_csv, name="participants_csv"),
    path(
        "<int:pk>/participants/<int:registration_id>/cancel/",
        views.registration_remove,
        name="registration_remove",
    ),
]
