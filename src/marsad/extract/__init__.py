"""Extraction stages: dates, amounts, quotes, places, events. Importing registers them."""

from marsad.extract import amounts, claims, dates, events, places, quotes

__all__ = ["amounts", "claims", "dates", "events", "places", "quotes"]
