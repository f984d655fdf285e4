"""Reading one article from a file, stdin or an HTML page, and the input limits.

:func:`read_article` is what ``incidents extract`` reads with; ``incidents batch``
(:mod:`incidents.batch.inputs`) reduces its ``.html``/``.htm`` files with the same
:func:`html_article`, so one page gives one text whichever command reads it.

A page is reduced to its readable text (scripts, styles, comments, navigation and footers
dropped; block elements end lines; runs of blank lines collapse to one, so paragraphs stay
paragraphs) and its metadata gives the publication date and canonical URL when it states them.

Only what a reader of the page sees becomes text, because the model obeys what it reads: text
hidden by the page (``display:none``, white on white, off-screen, ``aria-hidden``... see
:mod:`incidents.text.security.html_hidden`) is the classic carrier of an indirect prompt injection,
and attribute text (``alt``, ``title``, ``aria-label``, ``data-*``, ``<meta content>``) is never
read as text.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from incidents.schema import PublishedFrom
from incidents.text.dates.iso import parse_iso_date

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

# Input limits, defined here only.
MAX_FILE_BYTES = 1 << 20  # 1 MiB of text: far above any article, far below anything that hurts
# A saved page is mostly markup and inline scripts: it may be larger than a text file.
MAX_PAGE_BYTES = 8 * MAX_FILE_BYTES
MAX_ARTICLE_CHARS = 200_000  # ~50 chunks; beyond that it is not an article but a corpus

HTML_SUFFIXES = (".html", ".htm")

# Elements whose text is never article text: code, embeds, and the site's navigation and
# footer ("Home | World | Sport", "© 2025 ... All rights reserved"), and the fallback text a
# browser shows only when it cannot draw or play ("Your browser does not support video"). A
# page's <header> stays: it often holds the headline.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "nav", "footer",
    "canvas", "audio", "video", "noembed", "noframes", "datalist",
)  # fmt: skip
# Elements that end a line or a paragraph; inline elements (<b>, <a>, <span>) join their
# neighbours with no separator, so a sentence split by markup stays one sentence.
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "title",
)  # fmt: skip
_CELL_TAGS = ("td", "th")


class ArticleRefused(ValueError):
    """The file or stdin is not an article we can read; the message says why."""


@dataclass(frozen=True)
class SourceText:
    """An article as read: its text, and what the source says about it."""

    text: str
    published: dt.date | None = None
    url: str | None = None
    # Elements of a page hidden from its readers and left out of ``text`` (0 for plain text).
    hidden_removed: int = 0
    title: str | None = None
    # Where ``published`` came from (see incidents.schema.ArticleSource.published_from); a
    # date with no stated origin was given by the caller (a JSONL input's "published").
    published_from: PublishedFrom | None = None


def read_article(path: str) -> SourceText:
    """Read an article from a file, or from stdin when ``path`` is ``'-'``.

    Text is read as UTF-8 (a BOM is dropped). A ``.html``/``.htm`` file is reduced to its
    article text by :func:`html_article`, its metadata giving ``published`` and ``url``.

    Args:
        path: A file path, or ``'-'`` for stdin (always read as text).

    Returns:
        The article's text, and its publication date and URL when a page states them.

    Raises:
        ArticleRefused: missing, not a file, over the size limit (:data:`MAX_FILE_BYTES`;
            :data:`MAX_PAGE_BYTES` for a page), binary (NUL bytes), not UTF-8, or no text.
    """
    page = path != "-" and Path(path).suffix.lower() in HTML_SUFFIXES
    limit = MAX_PAGE_BYTES if page else MAX_FILE_BYTES
    size_limit = f"the limit is {limit:,} bytes ({limit >> 20} MiB)"
    if path == "-":
        raw = sys.stdin.buffer.read(limit + 1)
        name = "stdin"
    else:
        file = Path(path)
        if not file.exists():
            raise ArticleRefused(f"no such file: {path}")
        if not file.is_file():
            raise ArticleRefused(f"not a file: {path}")
        size = file.stat().st_size
        if size > limit:
            raise ArticleRefused(f"{path} is {size:,} bytes; {size_limit}")
        raw = file.read_bytes()
        name = path
    if len(raw) > limit:
        raise ArticleRefused(f"{name} is too long; {size_limit}")
    if b"\x00" in raw:
        raise ArticleRefused(f"{name} looks binary (it contains NUL bytes); give a UTF-8 text file")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleRefused(
            f"{name} is not valid UTF-8 (byte {error.start}); convert it, e.g. iconv -t UTF-8"
        ) from error
    source = html_article(content) if page else SourceText(text=content)
    if not source.text.strip():
        what = "has no article text (only markup)" if page else "is empty (no text to extract from)"
        raise ArticleRefused(f"{name} {what}")
    return source


def html_to_text(html: str) -> str:
    """Reduce an HTML page to its readable text.

    Scripts, styles, comments, the site's navigation and footer and similar are dropped, and
    so is whatever the page hides from its readers
    (:func:`incidents.text.security.html_hidden.remove_hidden`); block elements and ``<br>`` become
    line breaks and table cells are separated by spaces; runs of blank lines collapse to one,
    so paragraphs stay paragraphs (sentence splitting downstream relies on that) while inline
    markup leaves no trace.
    """
    from bs4 import BeautifulSoup

    return _soup_text(BeautifulSoup(html, "html.parser"))[0]


def _soup_text(soup: BeautifulSoup) -> tuple[str, int]:
    """The page's readable text (see :func:`html_to_text`) and how many hidden elements went.

    Changes ``soup``.
    """
    from incidents.text.security.html_hidden import (
        remove_hidden,  # here, as bs4: only pages need them
    )

    hidden = remove_hidden(soup)  # first: it reads the <style> blocks dropped below
    _drop_never_shown(soup)
    return _rendered_text(soup), hidden


def _rendered_text(soup: BeautifulSoup) -> str:
    """Text of markup already cleaned: blocks become paragraphs, inline markup leaves no trace.

    Changes ``soup``.
    """
    for br in soup("br"):
        br.replace_with("\n")
    for tag in soup(list(_BLOCK_TAGS)):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in soup(list(_CELL_TAGS)):
        tag.insert_after(" ")
    text = soup.get_text()  # only text nodes: attributes (alt, title, data-*) never come in
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _drop_never_shown(soup: BeautifulSoup) -> None:
    """Drop comments, CDATA, processing instructions, doctypes (never shown, whatever a parser
    does with them) and the elements of :data:`_DROP_TAGS`. Changes ``soup``."""
    from bs4.element import PreformattedString

    for markup in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        markup.extract()
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()


def html_article(html: str) -> SourceText:
    """A :class:`SourceText` from a saved news page: its article text, title, URL and
    publication date, and how many hidden elements its text leaves out.

    Three steps, each with the tool that does it best:

    1. what the page hides from its readers is cut first
       (:func:`incidents.text.security.html_hidden.remove_hidden`), because it needs the whole
       page's stylesheets and because hidden text is where injected instructions hide;
    2. trafilatura picks the article out of the page (navigation, related links, ads, share
       bars, comments dropped) and reads its metadata: title, canonical URL, and the
       publication date through htmldate, which reads what the page's markup states
       (``<meta>``, JSON-LD, ``<time>``, the URL) and, with ``extensive_search`` off, never
       guesses a date from the running text;
    3. the article's HTML is turned into text by :func:`html_to_text`'s rules, so paragraphs
       stay paragraphs (sentence splitting relies on them) and a page reads the same as the
       same article saved as text.

    A page too short for trafilatura to call anything its article (under ~250 characters of
    text) is read whole, as :func:`html_to_text` does.
    """
    import trafilatura
    from bs4 import BeautifulSoup

    from incidents.text.security.html_hidden import remove_hidden

    soup = BeautifulSoup(html, "html.parser")
    hidden = remove_hidden(soup)
    _drop_never_shown(soup)  # trafilatura would read <template>, <noscript>, comments...
    # What is left is visible, as judged with the page's whole stylesheet; trafilatura's own
    # coarser rule (any style mentioning "hidden", e.g. overflow:hidden on a wrapper) would
    # drop visible paragraphs, so it never sees the inline styles.
    for styled in soup.find_all(style=True):
        del styled["style"]
    visible = str(soup)
    metadata = trafilatura.extract_metadata(visible, date_config=_DATE_SEARCH)
    main = trafilatura.extract(
        visible,
        output_format="html",
        include_comments=False,  # readers' comments are not the report
        include_tables=True,  # casualty figures are often tabulated
        date_extraction_params=_DATE_SEARCH,
        prune_xpath=_AD_SLOTS,
    )
    # trafilatura's HTML has lost the page's stylesheets and containers: what it keeps was
    # visible in the page, so it is only rendered, never judged for hiding again.
    text = _rendered_text(BeautifulSoup(main, "html.parser") if main else soup)
    published = _page_date(metadata.date) if metadata.date else None
    return SourceText(
        text=text,
        published=published,
        url=_clean(metadata.url),
        title=_clean(metadata.title),
        hidden_removed=hidden,
        published_from="page metadata" if published else None,
    )


# Ad slots by their class token: trafilatura catches "ad-inline" or "advert" but not a bare
# "ad" class ("ad inline"), and an app promotion inside the article body then reads as news.
_AD_SLOTS = [
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {token} ')]"
    for token in ("ad", "ads", "advert", "advertisement", "sponsored", "promo")
]
# htmldate: the date the page says it was first published, never one guessed from its text.
_DATE_SEARCH = {"original_date": True, "extensive_search": False}


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _page_date(value: str) -> dt.date | None:
    # Metadata is not ours to fix: a date we cannot read is no date, not an error.
    try:
        return parse_iso_date(value, allow_time=True)
    except ValueError:
        return None
