"""Pipeline stages: the protocol they follow and the registry the pipeline is built from.

As in spaCy's `Pipe`, a stage keeps *finding* (`find`) apart from *writing results*
(`set_annotations`), so a scorer or a test can call `find` alone. Stages register by name with
`@register("name")`; the pipeline is a list of names, never an if-chain.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from marsad.context import Context


class Stage(ABC):
    """Base class: subclasses implement `find` and `set_annotations`."""

    name: ClassVar[str] = ""
    # Names of stages whose findings this one reads; the pipeline checks the order once.
    requires: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def find(self, ctx: Context) -> Any:
        """Compute this stage's findings from the context, without changing it."""

    @abstractmethod
    def set_annotations(self, ctx: Context, found: Any) -> None:
        """Write the findings into the context (Analysis and/or intermediate findings)."""

    def __call__(self, ctx: Context) -> None:
        self.set_annotations(ctx, self.find(ctx))


StageFactory = Callable[[], Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[type[Stage]], type[Stage]]:
    """Class decorator: make a stage available to pipelines under `name`."""

    def wrap(cls: type[Stage]) -> type[Stage]:
        if name in _REGISTRY:
            raise ValueError(f"stage name {name!r} registered twice")
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return wrap


def registered() -> dict[str, StageFactory]:
    from marsad import extract, recognize  # noqa: F401  (importing registers the built-in stages)

    return dict(_REGISTRY)
