"""`marsad train KIND ...`: train a shipped model (kinds register with `@training`, as `eval` kinds do)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from marsad.cli import Configure, Handler, command

_KINDS: dict[str, tuple[str, Configure, Handler]] = {}


def training(name: str, help_text: str, configure: Configure) -> Callable[[Handler], Handler]:
    """Register a trainable model kind: `marsad train NAME ...`."""

    def wrap(fn: Handler) -> Handler:
        _KINDS[name] = (help_text, configure, fn)
        return fn

    return wrap


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="train_kind", metavar="KIND", required=True)
    for name, (help_text, configure, fn) in _KINDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        configure(sp)
        sp.set_defaults(train_handler=fn)


@command("train", "train a model from corpora (ner: the statistical NER model)", _configure)
def run(args: argparse.Namespace) -> int:
    return int(args.train_handler(args))
