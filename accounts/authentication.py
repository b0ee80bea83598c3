"""DRF authenticates token users inside the view, after the middleware ran: activate their time
zone there."""

from rest_framework.authentication import TokenAuthentication

from accounts.time_zones import activate_for


class TimeZoneTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            request._request.user = result[0]
            activate_for(request._request)
        return result
