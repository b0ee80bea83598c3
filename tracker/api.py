from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core.rest import validated_query
from tracker import queries, shares, summary
from tracker.models import IntakeEntry, Share, SupplementEntry
from tracker.serializers import (
    DateQuerySerializer,
    DaySummarySerializer,
    EntrySerializer,
    NewShareSerializer,
    RangeQuerySerializer,
    ShareCreateSerializer,
    ShareSerializer,
    SummaryQuerySerializer,
    SummaryRangeSerializer,
    SupplementSerializer,
    range_fields,
    summary_fields,
)


class UserLogViewSet(viewsets.ModelViewSet):
    """A log of the user's own: the list filters by `?date=` or `?start=&end=`, and a new
    item belongs to the user who sends it."""

    def filter_queryset(self, items):
        if self.action != "list":
            return items
        query = validated_query(DateQuerySerializer, self.request)
        if "date" in query:
            items = items.filter(date=query["date"])
        if "start" in query:
            items = items.filter(date__gte=query["start"])
        if "end" in query:
            items = items.filter(date__lte=query["end"])
        return items

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


@extend_schema_view(list=extend_schema(parameters=[DateQuerySerializer]))
class EntryViewSet(UserLogViewSet):
    """Your food log. The nutrient amounts are worked out from the food when an entry is saved."""

    serializer_class = EntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IntakeEntry.objects.none()
        return queries.user_entries(self.request.user)


@extend_schema_view(list=extend_schema(parameters=[DateQuerySerializer]))
class SupplementViewSet(UserLogViewSet):
    """Your supplement log, counted apart from food. magnesium_mg is worked out when an entry
    is saved: the elemental magnesium per dose (from the label, or from the compound and its
    form) × doses."""

    serializer_class = SupplementSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SupplementEntry.objects.none()
        return queries.user_supplements(self.request.user)


class SummaryView(APIView):
    @extend_schema(parameters=[SummaryQuerySerializer], responses=DaySummarySerializer)
    def get(self, request):
        """Magnesium and related nutrients of one day against your reference intake."""
        day = validated_query(SummaryQuerySerializer, request).get("date") or timezone.localdate()
        return Response(DaySummarySerializer(summary_fields(summary.day_summary(request.user, day))).data)


class SummaryRangeView(APIView):
    @extend_schema(parameters=[RangeQuerySerializer], responses=SummaryRangeSerializer)
    def get(self, request):
        """A summary for each day from start to end, with daily averages over the days logged."""
        query = validated_query(RangeQuerySerializer, request)
        summaries = summary.range_summaries(request.user, query["start"], query["end"])
        return Response(SummaryRangeSerializer(range_fields(query["start"], query["end"], summaries)).data)


class ShareViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Read-only links to your report for a clinician. The link (`url`) is only in the answer
    to the POST that makes a share: only a hash of its token is kept. DELETE revokes a share:
    its link and the share itself answer 404 from then on (the Shares page still lists it as
    revoked, with when it was last opened). A POST while you hold 20 active (neither revoked
    nor expired) shares is a 400 with `non_field_errors`."""

    serializer_class = ShareSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Share.objects.none()
        return shares.user_shares(self.request.user).filter(revoked_at__isnull=True)

    @extend_schema(request=ShareCreateSerializer, responses={201: NewShareSerializer})
    def create(self, request, *args, **kwargs):
        given = ShareCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            share, token = shares.create_share(request.user, **given.validated_data)
        except DjangoValidationError as error:
            # A field's message under its name; the cap on active shares under non_field_errors.
            messages = (
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            )
            raise serializers.ValidationError(messages) from error
        share.url = request.build_absolute_uri(reverse("tracker:shared_report", args=[token]))
        return Response(NewShareSerializer(share).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        shares.revoke(instance)
