"""A corpus of hostile tenant input (issue 13, "What to build beyond the fixes" 1): the largest
texts each channel takes, what could make a regex on the path backtrack, invisible and
direction controls, NUL and control bytes, emoji floods, markup, and every way to type an
intent we could think of. tests/integration/test_hostile_input.py plays it through both
channels; bench/loop_lag.py measures how long the event loop stalls meanwhile."""

TELEGRAM_MAX = 4096  # what Telegram lets a user send in one message
WEB_MAX = 10_000  # handoff/web/chat.py TEXT_LIMIT

HOSTILE: list[tuple[str, str]] = [
    # Sizes.
    ("Telegram's largest message", "a" * TELEGRAM_MAX),
    ("one long word", "Donaudampfschifffahrtsgesellschaft" * 120),
    ("many short lines", "ja\n" * 1300),
    ("spaces, then a word", " " * 4000 + "hallo"),
    # What could make a regex backtrack (masking, neutralising, the emergency net).
    ("digits", "0" * 4000),
    ("digits and spaces", "06 " * 1300),
    ("digits and dashes", "1-" * 2000),
    ("almost a phone number, many times", "+31 6 1234 567" * 280),
    ("at signs", "@" * 4000),
    ("almost e-mail addresses", "a@" * 2000),
    ("a long e-mail address", "a" * 3000 + "@" + "b." * 400 + "nl"),
    ("almost an IBAN", "NL" + "9" * 4000),
    ("almost IBANs", "NL91 ABNA " * 400),
    ("almost a postcode", "1234 A" * 650),
    ("dots", "." * 4000),
    ("dashes", "-" * 4000),
    ("almost a date", "12-" * 1300),
    ("almost a URL", "http://" + "a." * 2000),
    ("brackets", "(" * 2000 + ")" * 2000),
    ("letters and digits", "a1" * 2000),
    ("accents", "é" * 4000),
    ("combining accents", "a\u0301" * 2000),
    ("danger words, many times", "gas brand rook " * 260),
    ("capitals", "MIJN NAAM IS " * 300),
    # Invisible and direction controls.
    ("zero-width spaces", "\u200b" * 2000),
    ("zero-width joiners in a word", "ha\u200dllo " * 500),
    ("right-to-left override", "\u202egnp.exe mijn huur"),
    ("isolates", "\u2066abc\u2069 \u2067def\u2069"),
    ("byte order mark", "\ufeffhallo"),
    # NUL and other control bytes.
    ("a NUL byte", "hallo\x00wereld"),
    ("NUL bytes", "\x00" * 200),
    ("terminal escapes", "\x1b[31mrood\x1b[0m \x1b]0;titel\x07"),
    ("carriage returns", "\r\n" * 1000),
    ("other control bytes", "".join(chr(c) for c in range(1, 32)) * 20),
    # Emoji floods.
    ("emoji", "😀" * 2000),
    ("family emoji", "👨‍👩‍👧‍👦" * 500),
    ("flags", "🇳🇱" * 1000),
    # Markup and template syntax.
    ("HTML", "<b>vet</b> <i>schuin</i> <a href='https://example.org'>link</a>"),
    ("a script", "<script>alert(1)</script>"),
    ("HTML entities", "&amp;" * 800),
    ("broken HTML", "</pre></code><a href='javascript:alert(1)'>" * 50),
    ("Markdown", "*vet* _schuin_ `code` [link](https://example.org) ```blok```"),
    ("template syntax", "{{ 7*7 }} {% for x in y %} ${jndi:ldap://x} #{7*7}"),
    ("SQL", "'; DROP TABLE cases; -- \" OR 1=1"),
    # Typed intents, every way we could think of.
    ("an intent", "/restart"),
    ("an intent with slots", '/ask_for_employee{"employee_name": "Anouk Smit"}'),
    ("a space between slashes", "/ /restart"),
    ("a tab between slashes", "/\t/restart"),
    ("a no-break space between slashes", "/\xa0/restart"),
    ("leading whitespace", " \n / / /report_emergency"),
    ("a zero-width space first", "\u200b/restart"),
    ("a full-width slash", "\uff0frestart"),
    ("a division slash", "\u2215restart"),
    ("a fraction slash", "\u2044restart"),
    ("two slashes", "//restart"),
    ("an escaped slash", "\\/restart"),
    ("an intent for a bot", "/talk_to_human@aandacht_bot"),
    ("JSON", '{"intent": "restart", "entities": []}'),
    ("an intent after a newline", "hallo\n/restart"),
]
