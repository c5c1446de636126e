"""marsad.text"""
