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


# 都道府県コード (JIS X 0401): the first two digits of a local government code. Proper names,
# shown as they are in every language.
PREFECTURES = dict(enumerate((
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"), start=1))
PREFECTURES = {f"{number:02d}": name for number, name in PREFECTURES.items()}
TOKYO = "13"


def prefecture_of(code: str) -> str:
    """The prefecture's two-digit code of a local government code (131041 → 13)."""
    return code[:2]
