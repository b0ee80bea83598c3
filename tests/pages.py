"""Reading rendered pages in tests: a section's text without tags, whitespace collapsed."""

import html
import re


def text(markup: str) -> str:
    """The visible text of some HTML, tags dropped and whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def section(page: str, labelledby: str) -> str:
    """The text of the <section aria-labelledby="..."> of a page; AssertionError when missing."""
    match = re.search(rf'<section[^>]*aria-labelledby="{labelledby}"[^>]*>(.*?)</section>', page, re.S)
    assert match, f"no section labelled by {labelledby!r}"
    return text(match.group(1))
