"""Events and bookings: sessions, applications, waiting lists and the emails, screens, exports,
statistics and data erasure around them."""
