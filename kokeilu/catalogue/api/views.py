"""The catalogue API: what residents' apps read (services with the catalogue page's filters, a service with
its locations, hours and channels, producers, the life situations) and what producers write (their
services), through the same selectors and services as the pages.

Reading is open to anyone and shows published services only, as the pages do; a producer's editors also
see its unpublished services. Writing needs a signed-in user whom `user_can_edit_producer` lets edit the
producer: creating a service for another producer answers 403 (the service refuses), changing a service
one may not edit answers 404 as the page does, and a rule of the service answers 400 with the error under
the field it concerns.
"""

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User

from .. import selectors, services
from ..models import Producer, Service
from .serializers import (
    CatalogueLifeSituationOutput,
    CatalogueManagedServiceListOutput,
    CatalogueManagedServiceOutput,
    CatalogueProducerOutput,
    CatalogueServiceCreateInput,
    CatalogueServiceDetailOutput,
    CatalogueServiceFilterInput,
    CatalogueServicePageOutput,
    CatalogueServiceUpdateInput,
    service_fields,
)

PAGE_SIZE = 20

_NOT_FOUND = OpenApiResponse(description="No such service, or not one you may see (or edit).")
_FORBIDDEN = OpenApiResponse(description="You may not edit this producer's services.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. a fee without an amount; the error is under the field it "
    "concerns, or under `detail` with a `code`."
)


def _user(request: Request) -> User:
    # The writing views require an authenticated user (the default permission class).
    return cast(User, request.user)


# --- Public reads -------------------------------------------------------------------------------------


class CatalogueServiceListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="v1_catalogue_services_list",
        parameters=[CatalogueServiceFilterInput],
        responses={200: CatalogueServicePageOutput, 400: _REFUSED},
    )
    def get(self, request: Request) -> Response:
        """Published services matching the catalogue page's filters, by name, a page at a time."""
        query = CatalogueServiceFilterInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        per_page = query.validated_data.get("page_size") or PAGE_SIZE
        page = selectors.service_search_page(
            query.to_filter(), number=query.validated_data.get("page", 1), per_page=per_page
        )

        def link(number: int) -> str:
            params = request.query_params.copy()
            params["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

        body = {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": list(page.object_list),
        }
        return Response(CatalogueServicePageOutput(body).data)


class CatalogueServiceDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: CatalogueServiceDetailOutput, 404: _NOT_FOUND})
    def get(self, request: Request, code: str) -> Response:
        """A service with its producer, classifications, locations (hours, this week, open now) and
        contact channels."""
        service = selectors.service_get_visible(user=request.user, code=code)
        if service is None:
            raise Http404
        return Response(CatalogueServiceDetailOutput(service).data)


class CatalogueProducerListApi(generics.ListAPIView):
    """Producers of the cities' catalogues, by name; `?city=<slug>` narrows to one city."""

    permission_classes = [AllowAny]
    serializer_class = CatalogueProducerOutput

    @extend_schema(parameters=[OpenApiParameter("city", str, required=False, description="Slug of a city.")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        slug = self.request.query_params.get("city")
        if not slug:
            return selectors.producer_list_public()
        city = selectors.cities_with_catalogue().filter(slug=slug).first()
        return selectors.producer_list_public(city=city) if city else Producer.objects.none()


class CatalogueLifeSituationListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="v1_catalogue_life_situations_list",
        responses={200: CatalogueLifeSituationOutput(many=True)},
    )
    def get(self, request: Request) -> Response:
        """The life situations services are found by, with their national classification URIs and the
        number of published services in each."""
        situations = selectors.life_situation_list_with_counts()
        return Response(CatalogueLifeSituationOutput(situations, many=True).data)


# --- Producers' writes --------------------------------------------------------------------------------


def _managed_detail(request: Request, code: str, *, status_code: int = status.HTTP_200_OK) -> Response:
    service = selectors.service_get_editable(user=request.user, code=code)
    if service is None:
        raise Http404
    return Response(CatalogueManagedServiceOutput(service).data, status=status_code)


class CatalogueManagedServiceListCreateApi(generics.ListAPIView):
    """Services of the producers you edit, unpublished ones included; and adding a service."""

    serializer_class = CatalogueManagedServiceListOutput

    def get_queryset(self) -> Any:
        return selectors.service_list_editable_by(user=self.request.user)

    @extend_schema(
        request=CatalogueServiceCreateInput,
        responses={201: CatalogueManagedServiceOutput, 400: _REFUSED, 403: _FORBIDDEN},
    )
    def post(self, request: Request) -> Response:
        """Add a service to a producer's catalogue; it stays unpublished unless `is_published` is true."""
        data = CatalogueServiceCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        producer = selectors.producer_get(pk=data.validated_data["producer"])
        if producer is None:
            raise serializers.ValidationError({"producer": [_("There is no such producer.")]})
        service: Service = services.service_create(
            created_by=_user(request), producer=producer, **service_fields(data.validated_data)
        )
        return _managed_detail(request, service.code, status_code=status.HTTP_201_CREATED)


class CatalogueManagedServiceDetailApi(APIView):
    @extend_schema(responses={200: CatalogueManagedServiceOutput, 404: _NOT_FOUND})
    def get(self, request: Request, code: str) -> Response:
        """A service you edit, published or not."""
        return _managed_detail(request, code)

    @extend_schema(
        request=CatalogueServiceUpdateInput,
        responses={200: CatalogueManagedServiceOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, code: str) -> Response:
        """Change the given fields of a service you edit."""
        service = selectors.service_get_editable(user=request.user, code=code)
        if service is None:
            raise Http404
        data = CatalogueServiceUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.service_update(
            service=service, updated_by=_user(request), **service_fields(data.validated_data)
        )
        return _managed_detail(request, code)
