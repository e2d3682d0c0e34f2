from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    AddressPoint,
    ContactChannel,
    LifeSituation,
    OpeningException,
    OpeningHours,
    Producer,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from .selectors import CATALOGUE
from .services import address_point_save, cache_version_raise, producer_search_text_refresh


class CatalogueChangeAdmin(admin.ModelAdmin):
    """Edits here bypass the services; raise the catalogue's version as they do, so that cached searches
    show the change at once."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        cache_version_raise(CATALOGUE)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        cache_version_raise(CATALOGUE)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        cache_version_raise(CATALOGUE)


@admin.register(LifeSituation, TargetGroup, ServiceClass)
class ClassificationAdmin(CatalogueChangeAdmin):
    list_display = ["code", "name_fi", "name_sv", "name_en", "uri", "position"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Producer)
class ProducerAdmin(CatalogueChangeAdmin):
    list_display = ["organisation", "city", "sector", "response_target_days"]
    list_filter = ["sector", "city"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]

    def save_model(self, request: HttpRequest, obj: Producer, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        producer_search_text_refresh(producer=obj)


class ContactChannelInline(admin.TabularInline):
    model = ContactChannel
    extra = 0


@admin.register(Service)
class ServiceAdmin(CatalogueChangeAdmin):
    list_display = ["name_fi", "code", "producer", "price_type", "is_published"]
    list_filter = ["is_published", "price_type", "producer__sector"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    filter_horizontal = ["life_situations", "target_groups", "service_classes"]
    readonly_fields = ["search_text"]
    inlines = [ContactChannelInline]

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Changes made here bypass the services; keep search finding what the admin wrote.
        producer_search_text_refresh(producer=obj.producer)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


@admin.register(ServiceLocation)
class ServiceLocationAdmin(CatalogueChangeAdmin):
    list_display = ["name_fi", "producer", "street_address_fi", "postal_code", "latitude", "longitude"]
    search_fields = ["name_fi", "street_address_fi"]
    filter_horizontal = ["services"]
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(AddressPoint)
class AddressPointAdmin(admin.ModelAdmin):
    list_display = ["address", "city", "latitude", "longitude"]
    search_fields = ["address"]

    def save_model(self, request: HttpRequest, obj: AddressPoint, form: Any, change: bool) -> None:
        # The normalised form is kept by the service, like every other write.
        address_point_save(
            address=obj.address, latitude=obj.latitude, longitude=obj.longitude, city=obj.city, point=obj
        )
