"""Errors a user can act on. A bad document fails alone; these never stop a batch."""

from __future__ import annotations


class MarsadError(Exception):
    """Base class of every error marsad raises on purpose."""


class InputError(MarsadError):
    """An input document could not be read (encoding, binary content, empty body, bad JSON)."""


class DataError(MarsadError):
    """A knowledge-base data file is malformed; the message names the file, line and field."""


class ModelError(MarsadError):
    """A trained model is missing or unusable."""


class StoreError(MarsadError):
    """The corpus store could not be opened or is of an unknown schema version."""
