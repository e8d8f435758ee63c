"""Japanese text search that works the same on SQLite and PostgreSQL.

Wagtail's database backend indexes an unspaced Japanese run as one word, so 支援 is not found in
子育て支援のお知らせ. We index CJK text as overlapping two-character pieces (bigrams) and search for
the pieces of the query, all of which must match (research note wagtail-stack §3). Text is folded
first: NFKC (ﾌﾘｰｽﾍﾟｰｽ → フリースペース, full-width Latin → ASCII, lower case) and hiragana →
katakana, so ふりーすぺーす finds フリースペース."""

import re
import unicodedata

CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶー]+")
HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().translate(HIRAGANA_TO_KATAKANA)


def bigrams(text: str) -> list[str]:
    """子育て支援 → [子育, 育テ, テ支, 支援]; ASCII words are kept whole."""
    text = fold(text)
    pieces = []
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            pieces.append(run)
        else:
            pieces.extend(run[i:i + 2] for i in range(len(run) - 1))
    pieces.extend(re.findall(r"[a-z0-9]+", CJK_RUN.sub(" ", text)))
    return pieces


def index_text(*parts: str) -> str:
    """What to put in a search field: the bigrams of all parts, space-separated."""
    return " ".join(bigrams(" ".join(part for part in parts if part)))


def query_terms(query: str) -> list[str]:
    """The pieces a query must all match; empty when nothing searchable (e.g. one kanji)."""
    terms = []
    for word in fold(query).split():
        pieces = [piece for piece in bigrams(word) if len(piece) > 1 or piece.isascii()]
        # A lone kanji between digits (第4日曜 → 第, 日曜, 4) is indexed only as part of the
        # bigrams around it in the text (毎月第 → 月第), so it cannot be required on its own.
        terms.extend(pieces)
    return list(dict.fromkeys(terms))


MAX_MATCHES = 1000


def matching_ids(queryset, query: str, fallback_fields=("title",), limit=MAX_MATCHES):
    """Primary keys of up to `limit` matches, for combining a keyword with other filters in SQL
    (pk__in a bounded list). Unranked: ranking every match is what makes large searches slow
    on SQLite, and the caller orders the combined result itself."""
    return [obj.pk for obj in search(queryset, query, fallback_fields, ranked=False)[:limit]]


def search(queryset, query: str, fallback_fields=("title",), ranked=True):
    """Search a Wagtail-indexed queryset; one-character queries fall back to a substring match
    on `fallback_fields` (bigrams cannot express them)."""
    from django.db.models import Q

    terms = query_terms(query)
    if terms:
        from wagtail.search.backends import get_search_backend

        return get_search_backend().search(" ".join(terms), queryset, operator="and",
                                           order_by_relevance=ranked)
    needle = unicodedata.normalize("NFKC", query).strip()
    if not needle:
        return queryset.none()
    condition = Q()
    for field in fallback_fields:
        condition |= Q(**{f"{field}__icontains": needle})
    return queryset.filter(condition)
