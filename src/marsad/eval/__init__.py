"""marsad.eval"""
