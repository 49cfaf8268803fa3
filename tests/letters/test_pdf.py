import pytest

from letters.pdf import NO_FETCHING, page_numbers


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://169.254.169.254/", "data:,x"])
def test_a_letter_fetches_nothing(url):
    with pytest.raises(ValueError, match="disallowed protocol"):
        NO_FETCHING.fetch(url)


def test_page_numbers_are_a_css_string_in_the_active_language():
    from django.utils import translation

    assert page_numbers() == '"Page " counter(page) " of " counter(pages) ""'
    with translation.override("cy"):
        assert page_numbers().startswith('"Tudalen " counter(page)')
