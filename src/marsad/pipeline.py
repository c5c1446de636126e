"""The pipeline: a list of named stages built once; `analyze(doc)` and `analyze_many(docs)`.

One bad document never stops a batch: a document that could not be read yields an Analysis with its
error, and a stage that fails on one document records the error and lets the other stages go on.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from marsad.context import Context
from marsad.errors import MarsadError
from marsad.model import Analysis, Document
from marsad.stages import Stage, registered

DEFAULT_STAGES: tuple[str, ...] = ("numbers", "dates", "entities", "amounts", "quotes", "claims", "places", "events")


@dataclass
class Pipeline:
    stages: list[Stage]

    @classmethod
    def build(cls, names: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
        """Instantiate the named stages (in order), checking that each one's requirements come first."""
        available = registered()
        unknown = [n for n in names if n not in available]
        if unknown:
            raise MarsadError(f"unknown stage(s) {', '.join(unknown)}; available: {', '.join(sorted(available))}")
        stages: list[Stage] = []
        seen: set[str] = set()
        for name in names:
            stage = available[name]()
            missing = [r for r in stage.requires if r not in seen]
            if missing:
                raise MarsadError(f"stage {name!r} needs {', '.join(missing)} earlier in the pipeline")
            stages.append(stage)
            seen.add(name)
        return cls(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def analyze(self, doc: Document) -> Analysis:
        if doc.error:
            return Analysis(doc, errors=[doc.error])
        ctx = Context.of(doc)
        for stage in self.stages:
            try:
                stage(ctx)
            except Exception as exc:  # one stage failing on one document must not lose the rest
                where = traceback.extract_tb(exc.__traceback__)[-1]
                ctx.analysis.errors.append(
                    f"stage {stage.name} failed: {type(exc).__name__}: {exc} ({where.filename}:{where.lineno})")
        return ctx.analysis

    def analyze_many(self, docs: Iterable[Document], workers: int = 1, chunksize: int = 16) -> Iterator[Analysis]:
        """Analyses in input order; `workers > 1` spreads documents over processes."""
        if workers <= 1:
            for doc in docs:
                yield self.analyze(doc)
            return
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(workers, initializer=_init_worker, initargs=(self.names,)) as pool:
            yield from pool.imap(_analyze_in_worker, docs, chunksize=chunksize)


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(names: list[str]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.build(names)


def _analyze_in_worker(doc: Document) -> Analysis:
    assert _WORKER_PIPELINE is not None, "worker started without a pipeline"
    return _WORKER_PIPELINE.analyze(doc)


_DEFAULT: Pipeline | None = None


def analyze(doc: Document) -> Analysis:
    """Analyse one document with the default pipeline (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.build()
    return _DEFAULT.analyze(doc)
