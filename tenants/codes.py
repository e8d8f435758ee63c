"""全国地方公共団体コード: five digits plus a check digit (JIS X 0402 / 総務省).

The check digit is the last digit of 11 minus (the weighted sum mod 11), weights 6,5,4,3,2."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    total = sum(int(d) * w for d, w in zip(first_five, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def validate_local_government_code(value: str) -> None:
    if not isinstance(value, str) or len(value) != 6 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("The local government code must be exactly 6 half-width digits (e.g. 131041)."),
            code="code_format",
        )
    expected = check_digit(value[:5])
    if int(value[5]) != expected:
        raise ValidationError(
            _("The check digit of local government code %(code)s is wrong (expected %(expected)s)."),
            code="code_check_digit",
            params={"code": value, "expected": expected},
        )
