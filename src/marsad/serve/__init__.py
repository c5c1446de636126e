"""marsad.serve"""
