"""`marsad train KIND ...`: train a shipped model (kinds register with `@training`, as `eval` kinds do)."""

from __future__ import annotations

import argparse

from marsad.cli import SubcommandGroup, command

_GROUP = SubcommandGroup("train_kind")
training = _GROUP.kind


@command("train", "train a model from corpora (ner: the statistical NER model)", _GROUP.configure)
def run(args: argparse.Namespace) -> int:
    return _GROUP.run(args)
