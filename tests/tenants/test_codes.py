import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tenants.codes import check_digit, validate_local_government_code
from tenants.models import Municipality


# Tokyo's, and others (Sapporo, Osaka): the platform can grow beyond Tokyo (see bench/).
@pytest.mark.parametrize("code", ["131016", "131041", "131059", "132012", "133604", "134210",
                                  "011002", "271004"])
def test_real_tokyo_codes_are_accepted(code):
    validate_local_government_code(code)


def test_check_digit_follows_the_mic_rule():
    # 13104: 1*6 + 3*5 + 1*4 + 0*3 + 4*2 = 33; 33 % 11 = 0; 11 - 0 = 11 -> last digit 1
    assert check_digit("13104") == 1
    assert check_digit("13101") == 6


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("131042", "検査数字"),  # wrong check digit
        ("13104", "6桁"),  # too short
        ("1310411", "6桁"),  # too long
        ("１３１０４１", "6桁"),  # full-width digits
        ("13a041", "6桁"),
    ],
)
def test_invalid_codes_get_a_clear_japanese_message(code, message):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        validate_local_government_code(code)
    assert message in " ".join(error.value.messages)


def test_model_validation_refuses_a_wrong_check_digit_and_writes_nothing(db):
    before = Municipality.objects.count()
    municipality = Municipality(code="131049", name="架空区", name_kana="かくうく", name_en="Kaku",
                                slug="kaku", kind="ward", area="区部")
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "code" in error.value.message_dict
    assert Municipality.objects.count() == before
