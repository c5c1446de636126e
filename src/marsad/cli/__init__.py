"""The `marsad` command. Each subcommand lives in its own module and registers itself here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from marsad import __version__
from marsad.errors import MarsadError

Handler = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]
_COMMANDS: dict[str, tuple[str, Configure, Handler]] = {}


def command(name: str, help_text: str, configure: Configure) -> Callable[[Handler], Handler]:
    """Register a subcommand: its help line, its argument set-up and its handler."""

    def wrap(fn: Handler) -> Handler:
        _COMMANDS[name] = (help_text, configure, fn)
        return fn

    return wrap


class SubcommandGroup:
    """A subcommand whose kinds register themselves (`marsad eval facts`, `marsad train ner`)."""

    def __init__(self, dest: str) -> None:
        self._dest = dest
        self._kinds: dict[str, tuple[str, Configure, Handler]] = {}

    def kind(self, name: str, help_text: str, configure: Configure) -> Callable[[Handler], Handler]:
        """Register one kind: its help line, its argument set-up and its handler."""

        def wrap(fn: Handler) -> Handler:
            self._kinds[name] = (help_text, configure, fn)
            return fn

        return wrap

    def configure(self, p: argparse.ArgumentParser) -> None:
        sub = p.add_subparsers(dest=self._dest, metavar="KIND", required=True)
        for name, (help_text, configure, fn) in self._kinds.items():
            sp = sub.add_parser(name, help=help_text, description=help_text)
            configure(sp)
            sp.set_defaults(**{f"{self._dest}_handler": fn})

    def run(self, args: argparse.Namespace) -> int:
        return int(getattr(args, f"{self._dest}_handler")(args))


def build_parser() -> argparse.ArgumentParser:
    from marsad.cli import (  # noqa: F401  (importing registers the subcommands)
        analyze,
        corpus,
        evaluate,
        export,
        ingest,
        knowledge,
        ner,
        train,
    )

    parser = argparse.ArgumentParser(prog="marsad", description="Structured knowledge from Arabic news.")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, configure, fn) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        p.set_defaults(handler=fn)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except MarsadError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
