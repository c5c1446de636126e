"""Extraction stages: dates, amounts, quotes, places, events. Importing registers them."""

from marsad.extract import amounts, dates

__all__ = ["amounts", "dates"]
