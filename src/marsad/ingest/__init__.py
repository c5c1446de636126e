"""marsad.ingest"""
