"""Leerlingen en toestemming: the pupil list, the import wizard, and (added later) the consent tabs."""
