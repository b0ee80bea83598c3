from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.parsers import FormParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Profile
from accounts.queries import profile_of
from accounts.serializers import ProfileSerializer, TokenSerializer
from accounts.tokens import issue_token
from core.rest import KnownFieldsOnly, UnicodeJSONParser

SAVED = {
    200: OpenApiResponse(ProfileSerializer, description="Profile updated."),
    201: OpenApiResponse(ProfileSerializer, description="Profile created (the first save)."),
}


class ProfileView(APIView):
    """Your profile. It does not exist until the first PUT or PATCH creates it; that first
    save needs birth_date and sex."""

    @extend_schema(responses={200: ProfileSerializer})
    def get(self, request):
        return Response(ProfileSerializer(get_object_or_404(Profile, user=request.user)).data)

    @extend_schema(request=ProfileSerializer, responses=SAVED)
    def put(self, request):
        return self.save(request, partial=False)

    @extend_schema(request=ProfileSerializer, responses=SAVED)
    def patch(self, request):
        return self.save(request, partial=True)

    def save(self, request, partial):
        profile = profile_of(request.user)
        serializer = ProfileSerializer(profile, data=request.data, partial=partial and profile is not None)
        serializer.is_valid(raise_exception=True)
        serializer.save(user=request.user)
        return Response(serializer.data, status=status.HTTP_200_OK if profile else status.HTTP_201_CREATED)


class CredentialsSerializer(KnownFieldsOnly, AuthTokenSerializer):
    """A username longer than any account's is refused before authentication (django-axes
    stores failed usernames in 255 characters)."""

    username = serializers.CharField(label="Username", max_length=150, write_only=True)


class TokenView(APIView):
    """Trade a username and password for a new API token. Only a digest is kept: the token is
    shown in this answer alone. It expires (`expires_at`), ends when the password changes, and
    the profile's API tokens page lists and revokes it."""

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [UnicodeJSONParser, FormParser]
    throttle_scope = "token"

    @extend_schema(request=CredentialsSerializer, responses={200: TokenSerializer})
    def post(self, request):
        credentials = CredentialsSerializer(data=request.data, context={"request": request})
        credentials.is_valid(raise_exception=True)
        token, key = issue_token(credentials.validated_data["user"])
        return Response({"token": key, "expires_at": token.expires_at})
