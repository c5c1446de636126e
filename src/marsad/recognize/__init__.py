"""Recognition and linking of names (gazetteer, statistical model, patterns). Importing registers stages."""

from marsad.recognize import entities

__all__ = ["entities"]
