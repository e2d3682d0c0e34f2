"""API under /api/v1/experiments/<slug>/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.EventListCreateApi.as_view(), name="api-events-list"),
    path("events/<int:event_id>/", views.EventDetailApi.as_view(), name="api-events-detail"),
    path("events/<int:event_id>/cancel/", views.EventCancelApi.as_view(), name="api-events-cancel"),
    path("events/<int:event_id>/register/", views.EventRegisterApi.as_view(), name="api-events-register"),
    path(
        "events/<int:event_id>/registration/cancel/",
        views.EventRegistrationCancelApi.as_view(),
        name="api-events-registration-cancel",
    ),
    path("events/<int:event_id>/slots/", views.EventSlotListGenerateApi.as_view(), name="api-events-slots"),
    path(
        "events/<int:event_id>/slots/<int:slot_id>/",
        views.EventSlotDeleteApi.as_view(),
        name="api-events-slot-delete",
    ),
    path(
        "events/<int:event_id>/slots/<int:slot_id>/book/",
        views.EventSlotBookApi.as_view(),
        name="api-events-slot-book",
    ),
    path(
        "events/<int:event_id>/booking/cancel/",
        views.EventBookingCancelApi.as_view(),
        name="api-events-booking-cancel",
    ),
    path(
        "events/<int:event_id>/participants/registrations/<int:registration_id>/cancel/",
        views.EventParticipantRegistrationCancelApi.as_view(),
        name="api-events-participant-registration-cancel",
    ),
    path(
        "events/<int:event_id>/participants/bookings/<int:booking_id>/cancel/",
        views.EventParticipantBookingCancelApi.as_view(),
        name="api-events-participant-booking-cancel",
    ),
    path(
        "events/<int:event_id>/participants/",
        views.EventParticipantsApi.as_view(),
        name="api-events-participants",
    ),
]
