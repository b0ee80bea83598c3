"""Every route of the API, read from the URL resolver, so that tests walking them cover
routes added later without being told."""

from dataclasses import dataclass

from django.urls import get_resolver, reverse

WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    name: str
    methods: tuple[str, ...]
    takes_pk: bool

    def url(self, pk=None) -> str:
        return reverse(f"api:{self.name}", kwargs={"pk": pk} if self.takes_pk else {})


def view_methods(view) -> tuple[str, ...]:
    actions = getattr(view, "actions", None)  # a ViewSet: {"get": "list", "post": "create"}
    if actions:
        # DRF adds "head" to this dict once the view has answered a GET; HEAD is a GET
        # without a body, so the list does not depend on which tests ran before.
        return tuple(sorted(set(actions) - {"head"}))
    return tuple(method for method in ("get", *WRITE_METHODS) if hasattr(view.cls, method))


def api_routes() -> list[Route]:
    _, resolver = get_resolver().namespace_dict["api"]
    return [
        Route(pattern.name, view_methods(pattern.callback), "pk" in pattern.pattern.regex.groupindex)
        for pattern in resolver.url_patterns
    ]
