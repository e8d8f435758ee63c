"""The expert bank: experts, partner groups' consultation requests and their steps, the emails
and reminders about them, the request screens and the coordinators' dashboard."""
