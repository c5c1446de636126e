"""marsad.knowledge"""
