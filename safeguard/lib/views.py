"""The one place that turns selector errors into responses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from .errors import NotVisible


def not_visible_is_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A record the user may not learn of is answered exactly like a missing one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None

    return wrapper
