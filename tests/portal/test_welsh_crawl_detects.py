"""The check that finds English on Welsh pages (tests/portal/welsh_crawl.py) finds it,
and leaves Welsh, names, addresses and what users typed alone."""

from tests.portal.welsh_crawl import english_pieces, text_pieces


def test_english_words_on_a_welsh_page_are_found():
    welsh = (
        "<h1>Eich taliadau</h1><p>Your next payment is due</p><p>5 March 2026</p>"
        '<button aria-label="Send message">Anfon</button><p>5 Mawrth 2026, 2:30pm</p>'
        "<p>Dydd Llun, 9am i 5pm</p><p>5 Mawrth 2026, 2:30yh</p>"
    )
    assert english_pieces(welsh) == [
        "Your next payment is due",
        "5 March 2026",
        "Send message",
        "5 Mawrth 2026, 2:30pm",
        "Dydd Llun, 9am i 5pm",
    ]


def test_text_the_same_in_english_with_a_common_word_is_found():
    welsh, english = "<p>Sign in</p><p>Mewngofnodi</p>", "<p>Sign in</p><p>Sign in</p>"
    assert english_pieces(welsh, english) == ["Sign in"]
    assert english_pieces("<p>Ar y ffordd</p>", "<p>Ar y ffordd</p>") == []


def test_welsh_names_addresses_and_typed_text_are_left_alone():
    welsh = (
        '<html lang="cy"><p>Gwasanaeth Cynhaliaeth Plant - GOV.UK</p>'
        '<a href="/" lang="en" hreflang="en">Change the language to English</a>'
        "<p>Cael help gyda’r dudalen hon</p><p>http://testserver/cy/account/</p>"
        "<p>payroll_number</p><p>Nobody called back.</p><script>var the = 1;</script>"
        "<p>e23fe415-21fb-4b70-a8e6-38c75d1be7c6</p></html>"
    )
    # Even where the English page shows the same (an id holding "be" is not English).
    assert english_pieces(welsh, welsh, data=frozenset({"Nobody called back."})) == []


def test_text_pieces_skip_what_is_not_shown():
    html = '<p>Un</p><style>p { the: 1 }</style><input type="submit" value="Dau"><br>Tri'
    assert text_pieces(html) == ["Un", "Dau", "Tri"]
