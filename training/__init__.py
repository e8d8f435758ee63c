"""Events and the expert bank, two rooms over one set of models (training.models).

events/ holds the Support Net's and municipalities' events: sessions from slot templates,
applications and waiting lists, booking emails, the staff screens, iCal and open-data CSV,
statistics and the erasure of applicants' personal data. expertbank/ holds the expert bank:
experts, partner groups' consultation requests and their steps, notifications and reminders,
the request screens and the coordinators' dashboard. tasks.py (django-q2 entry points) and
wagtail_hooks.py (admin wiring) stay at the top and only call into the two rooms."""
