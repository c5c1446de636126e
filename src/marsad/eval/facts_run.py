"""The runner side of `marsad eval facts`: gold articles through the pipeline, or analyses read from a
file, ready for `marsad.eval.facts.score` (which never runs the pipeline itself)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.model import Document
from marsad.pipeline import DEFAULT_STAGES, Pipeline


def gold_document(gold: Mapping[str, Any]) -> Document:
    """The Document a gold article stands for (text, title, publication date and source as given)."""
    published = gold.get("published")
    return Document(id=str(gold["doc_id"]), text=str(gold["text"]), title=gold.get("title"),
                    published=date.fromisoformat(published) if published else None, source=gold.get("source"))


def analyze_gold(gold_docs: Sequence[Mapping[str, Any]], stages: Sequence[str] = DEFAULT_STAGES,
                 workers: int = 1) -> list[dict[str, Any]]:
    """marsad/1 JSON of every gold article, analysed by a pipeline of `stages`."""
    pipeline = Pipeline.build(stages)
    docs = [gold_document(g) for g in gold_docs]
    return [a.to_json() for a in pipeline.analyze_many(docs, workers=workers)]


def read_analyses(path: Path) -> list[dict[str, Any]]:
    """Analyses written by `marsad analyze` (JSON Lines, one marsad/1 object per line)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {lineno}: invalid JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
                raise InputError(f"{path} line {lineno}: not an Analysis object (no string \"id\")")
            out.append(obj)
    return out
