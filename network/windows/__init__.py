"""Consultation windows (相談窓口): the public list and its CSV, the CSV import for the metropolitan
coordinators and the window admin."""
