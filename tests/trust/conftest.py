import pytest


@pytest.fixture
def no_throttle(settings):
    """django-otp makes each device wait 1, 2, 4... seconds after a wrong code; these tests follow
    a wrong code with a right one at once (throttling has its own test)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
