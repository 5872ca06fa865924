"""Sections of a child's record that other contexts contribute (contacts, casework,
care, exploitation). Each context registers a provider in its AppConfig.ready(); the
provider returns None when it has nothing the viewer may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .selectors import ChildRecord


@dataclass
class Section:
    key: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Any, "ChildRecord"], Section | None]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(user: Any, record: ChildRecord) -> list[Section]:
    return [s for s in (p(user, record) for p in _providers) if s is not None]
