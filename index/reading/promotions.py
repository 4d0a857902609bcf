"""Lines an outlet prints around every story that are no part of it: share buttons, calls
to follow it on Google News, WhatsApp or Telegram, its app, its paid tier, the advert
markers a copy-paste picks up, and its copyright line; pure functions, no I/O.

Each pattern is anchored to a whole short line and names the outlet's own vocabulary
("Google News", "WhatsApp Channel", "tanpa iklan", "©"), so a story's sentence that starts
with the same verb ("Ikuti perkembangan kasus ini ...", "Bagikan bantuan itu ...") stays.
"""

from __future__ import annotations

import re

# Share buttons and advert markers, the whole line: "Bagikan :", "Share this article",
# "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Lanjutkan membaca artikel di bawah".
_WHOLE_LINE = re.compile(
    r"^(?:bagikan|share|sebarkan)(?:\s+(?:artikel|berita|this|ke|on|via)(?:\s+\w+){0,2})?\s*:?"
    r"|(?:advertisement|iklan|ads)(?:\s+scroll\s+to\s+(?:continue|resume)(?:\s+with\s+content)?)?"
    r"|scroll\s+(?:to\s+(?:continue|resume)|untuk\s+(?:melanjutkan|membaca))(?:\s+\w+){0,3}"
    r"|lanjutkan\s+membaca(?:\s+artikel)?(?:\s+di\s+bawah(?:\s+ini)?)?"
    r"|content\s+continues\s+below|konten\s+berlanjut(?:\s+di\s+bawah)?",
    re.IGNORECASE,
)
# Calls to follow the outlet or read it elsewhere: "Ikuti kami di ...", or a call that names
# a channel only an outlet's own line names ("Google News", "WhatsApp Channel", "di ponselmu").
_CHANNELS = (
    r"google\s+news|whatsapp\s+channel|(?:saluran|channel)\s+whatsapp|(?:grup|channel)\s+telegram"
    r"|telegram\s+channel|app\s+store|google\s+play|play\s+store|ponselmu|newsletter|line\s+today"
)
_CALL = re.compile(
    r"^(?:(?:ikuti|follow)\s+(?:kami|us)\b"
    r"|(?:ikuti|follow|simak|dapatkan|gabung(?:lah)?|bergabung(?:lah)?|join|download|unduh"
    r"|subscribe|langganan|berlangganan|klik|cek|baca)\b"
    rf"(?=.*(?:{_CHANNELS})))",
    re.IGNORECASE,
)
# The outlet's paid tier and its copyright line: "Baca berita tanpa iklan. Gabung
# Kompas.com+", "COPYRIGHT © ANTARA 2022", "Copyright © 2022 PT ... All rights reserved".
_OUTLET_LINE = re.compile(
    r"^(?:baca\s+berita\s+tanpa\s+iklan|(?:konten\s+premium\s+)?nikmati\s+konten\s+premium"
    r"|konten\s+dari\s+pengguna$"
    r"|(?:copyright|hak\s+cipta)\s*(?:©|\(c\)|\d{4})|©\s*(?:\d{4}|[A-Z]))",
    re.IGNORECASE,
)
# A call to follow is a line or two, never a paragraph of reporting.
_MAX_CALL_WORDS = 45
_MAX_LINE_WORDS = 14
# A copyright line or a paid tier's is short: "Hak cipta 2020 dipegang oleh ..." may go on.
_MAX_OUTLET_LINE_WORDS = 16


def is_promotion(line: str) -> bool:
    """Tell whether a paragraph is the outlet's own promotion rather than the story: a share
    button or advert marker, a call to follow it on a channel, its paid tier or its
    copyright line."""
    words = len(line.split())
    text = line.strip(" :|\u2022\u00b7")
    if words <= _MAX_LINE_WORDS and _WHOLE_LINE.fullmatch(text):
        return True
    if words <= _MAX_CALL_WORDS and _CALL.match(text) is not None:
        return True
    return words <= _MAX_OUTLET_LINE_WORDS and _OUTLET_LINE.match(text) is not None


# "Follow Berita Okezone di Google News", "Ikuti Berita Terkini IDN Times di Google News".
_FOLLOW_OUTLET = re.compile(
    r"^(?:follow|ikuti)\s+(?:berita\s+(?:terkini\s+)?(?:dari\s+)?)?(?P<name>.+?)"
    r"\s+(?:di|on)\s+google\s+news\b",
    re.IGNORECASE,
)


def promoted_outlet(line: str) -> str | None:
    """The name a call to follow an outlet gives it ("Follow Berita Sindonews di Google
    News" gives "Sindonews"), or None; whether it is an outlet is the caller's to check."""
    match = _FOLLOW_OUTLET.match(line.strip())
    return match["name"].strip() if match else None
