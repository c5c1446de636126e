"""marsad (مرصد): structured, evidence-linked knowledge from Arabic news."""

from marsad.model import SCHEMA, Analysis, Document

__version__ = "0.1.0"

__all__ = ["SCHEMA", "Analysis", "Document", "__version__"]
