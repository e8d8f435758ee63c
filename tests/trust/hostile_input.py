"""Control characters an attacker or a broken copy-paste sends: each must be refused, in a query
string, a form value or an imported cell, and nothing written."""

NUL, BEL, ESC, DEL, NEL = "\x00", "\x07", "\x1b", "\x7f", "\x85"
CONTROLS = {"NUL": NUL, "BEL": BEL, "ESC": ESC, "DEL": DEL, "C1 NEL": NEL}
# As they appear percent-encoded in an address.
ENCODED = {"NUL": "%00", "BEL": "%07", "ESC": "%1B", "DEL": "%7F", "C1 NEL": "%C2%85"}
# What must stay allowed: text areas keep their line breaks and tabs; Japanese of every width.
HARMLESS = "相談窓口\tについて\r\n２行目　ｶﾅ・〜"
