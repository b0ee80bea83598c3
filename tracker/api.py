from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import queries
from tracker.models import IntakeEntry
from tracker.rest import validated_query
from tracker.serializers import (
    DaySummarySerializer,
    EntryQuerySerializer,
    EntrySerializer,
    RangeQuerySerializer,
    SummaryQuerySerializer,
    SummaryRangeSerializer,
    range_fields,
    summary_fields,
)


@extend_schema_view(list=extend_schema(parameters=[EntryQuerySerializer]))
class EntryViewSet(viewsets.ModelViewSet):
    """Your food log. The nutrient amounts are worked out from the food when an entry is saved."""

    serializer_class = EntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IntakeEntry.objects.none()
        return queries.user_entries(self.request.user)

    def filter_queryset(self, entries):
        if self.action != "list":
            return entries
        query = validated_query(EntryQuerySerializer, self.request)
        if "date" in query:
            entries = entries.filter(date=query["date"])
        if "start" in query:
            entries = entries.filter(date__gte=query["start"])
        if "end" in query:
            entries = entries.filter(date__lte=query["end"])
        return entries

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


class SummaryView(APIView):
    @extend_schema(parameters=[SummaryQuerySerializer], responses=DaySummarySerializer)
    def get(self, request):
        """Magnesium and related nutrients of one day against your reference intake."""
        day = validated_query(SummaryQuerySerializer, request).get("date") or timezone.localdate()
        return Response(DaySummarySerializer(summary_fields(queries.day_summary(request.user, day))).data)


class SummaryRangeView(APIView):
    @extend_schema(parameters=[RangeQuerySerializer], responses=SummaryRangeSerializer)
    def get(self, request):
        """A summary for each day from start to end, with daily averages over the days logged."""
        query = validated_query(RangeQuerySerializer, request)
        summaries = queries.range_summaries(request.user, query["start"], query["end"])
        return Response(SummaryRangeSerializer(range_fields(query["start"], query["end"], summaries)).data)
