"""Messages for the people who run Tsunagu: Japanese first, then the same in English.

A municipality's operator reads Japanese; a vendor's engineer or a log search may need English.
The text is marked with `gettext_noop` where it is written (so the ja catalogue holds it) and
rendered here in both languages at once, whatever language is active."""

from django.utils import translation


def bilingual(message, **params):
    """「…」 / "…": the catalogue's Japanese, then the English original, `%(name)s` filled in."""
    with translation.override("ja"):
        japanese = translation.gettext(message)
    return f"{japanese % params} / {message % params}"
