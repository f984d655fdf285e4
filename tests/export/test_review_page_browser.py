"""The review page in a real headless Chromium (Debian's, driven by Playwright): no request and
no error, the right articles and incidents, exact highlights (after an emoji too), right-to-left
Arabic, edits and added incidents that `incidents gold import` turns into gold, saved work that
survives a reload, and filters that change the counts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from review_fixture import (
    AR_ARREST,
    AR_STRIKE,
    EN_ARREST,
    EN_MISSED,
    EN_STRIKE,
    EN_TEXT,
    review_lines,
)

from incidents.evals.gold import load_gold
from incidents.export.review_page import write_review_page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
EN, AR = 0, 1  # article indexes in review_lines()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap.sh (it installs Debian's "
                    "chromium and fonts-noto-core for these tests)")  # fmt: skip
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: run scripts/bootstrap.sh (dev extra)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("review") / "review.html"
    write_review_page(review_lines(), out)
    return out.as_uri()


class Seen:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.fixture
def page(browser: Any, page_url: str, seen: Seen) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("console", lambda m: seen.errors.append(f"console {m.type}: {m.text}")
           if m.type in ("error", "warning") else None)  # fmt: skip
    tab.on("pageerror", lambda e: seen.errors.append(f"pageerror: {e}"))
    tab.on("request", lambda r: seen.requests.append(r.url))
    tab.goto(page_url)
    tab.wait_for_selector("body[data-ready]")
    yield tab
    context.close()


def card(a: int, n: int) -> str:
    return f'.card[data-key="a{a}-m{n}"]'


def highlighted(page: Any) -> str:
    return "".join(page.locator(".ev.sel").all_text_contents())


def select_text(page: Any, a: int, quote: str) -> None:
    """Select ``quote`` in article ``a``'s text as a mouse would: a DOM range over text nodes."""
    page.evaluate(
        """([a, quote]) => {
          const node = document.querySelector(`.article[data-index="${a}"] .article-text`);
          const start = node.textContent.indexOf(quote), end = start + quote.length;
          if (start < 0) throw new Error("quote not in the article");
          const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let at = 0, t;
          while ((t = walker.nextNode())) {
            const len = t.data.length;
            if (start >= at && start <= at + len) range.setStart(t, start - at);
            if (end >= at && end <= at + len) { range.setEnd(t, end - at); break; }
            at += len;
          }
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        }""",
        [a, quote],
    )


def download_and_import(page: Any, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    with page.expect_download() as info:
        page.click("#download")
    corrections = tmp_path / "corrections.json"
    info.value.save_as(corrections)
    out = tmp_path / "gold"
    result = subprocess.run(
        [sys.executable, "-m", "incidents", "gold", "import", str(corrections), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(corrections.read_text(encoding="utf-8")), out


def test_loads_with_no_error_and_no_request(page: Any, page_url: str, seen: Seen) -> None:
    page.click(f"{card(AR, 0)} h3")
    page.click("#map .point >> nth=0")
    page.locator(".ev").first.click()
    assert seen.errors == []
    assert seen.requests == [page_url]  # the file itself; no image, font, script or tile
    assert page.evaluate("window.__pwned") is None  # the hostile article stayed text
    hostile = page.locator('.article[data-id="hostile-mogadishu"] .article-text').text_content()
    assert "</script><script>window.__pwned = 1</script>" in hostile
    assert "{{JS}}" in hostile


def test_shows_every_article_and_incident(page: Any) -> None:
    assert page.locator("article.article").count() == 4
    assert page.locator(".card").count() == 6
    assert page.locator("#count-incidents").text_content() == "6"
    assert page.locator("#count-articles").text_content() == "4"
    failed = page.locator('#failed .failed[data-id="failed-timeout"]')
    assert "model timed out after 3 tries" in failed.text_content()
    legacy = page.locator('.article[data-id="legacy-no-text"]')
    assert legacy.locator(".article-text").count() == 0
    assert "written before results kept the article text" in legacy.text_content()
    assert legacy.locator(".quote").text_content() == "Protesters marched "
    words = "Explosions/Remote violence — Air/drone strike"
    assert words in page.locator(card(AR, 0)).text_content()


@pytest.mark.parametrize(
    ("a", "n", "quote"),
    [(EN, 0, EN_STRIKE), (EN, 1, EN_ARREST), (AR, 0, AR_STRIKE), (AR, 1, AR_ARREST)],
)
def test_a_card_lights_up_exactly_its_evidence(page: Any, a: int, n: int, quote: str) -> None:
    assert highlighted(page) == ""
    page.click(f"{card(a, n)} h3")
    assert highlighted(page) == quote  # EN spans come after an emoji (two UTF-16 units)
    assert "selected" in page.locator(card(a, n)).get_attribute("class")


def test_clicking_a_highlight_selects_its_card(page: Any) -> None:
    page.locator('.ev[data-keys="a1-m1"]').click()
    assert "selected" in page.locator(card(AR, 1)).get_attribute("class")
    assert "selected" not in page.locator(card(AR, 0)).get_attribute("class")
    assert highlighted(page) == AR_ARREST


def test_arabic_reads_right_to_left(page: Any) -> None:
    direction = "el => getComputedStyle(el).direction"
    assert page.locator(f'.article[data-index="{AR}"] .article-text').evaluate(direction) == "rtl"
    assert page.locator(f'.article[data-index="{EN}"] .article-text').evaluate(direction) == "ltr"


def test_an_edit_reaches_the_gold_file(page: Any, tmp_path: Path) -> None:
    page.click(f"{card(AR, 0)} button.edit")
    page.fill(f'{card(AR, 0)} input[name="fatalities"]', "5")
    page.select_option(f'{card(AR, 0)} select[name="event_type"]', "violence_against_civilians")
    # Sub-event choices follow the event type.
    options = page.locator(f'{card(AR, 0)} select[name="sub_event_type"] option').all_inner_texts()
    assert options[1:] == ["Sexual violence", "Attack", "Abduction/forced disappearance"]
    page.select_option(f'{card(AR, 0)} select[name="sub_event_type"]', "attack")
    page.click(f"{card(AR, 0)} button.save")
    page.click(f"{card(AR, 1)} button.mark-right")
    page.check(f'.article[data-index="{AR}"] input.reviewed')

    corrections, out = download_and_import(page, tmp_path)
    assert corrections["format"] == "incidents-corrections" and corrections["version"] == 1
    (doc,) = load_gold(out)
    assert doc.id == "ar-albukamal-strike"
    assert (doc.incidents[0].fatalities, doc.incidents[0].sub_event_type) == (5, "attack")
    assert doc.incidents[0].evidence[0].text == AR_STRIKE
    statuses = [i["review"] for i in corrections["articles"][AR]["incidents"]]
    assert statuses == ["edited", "right"]


def test_an_incident_added_from_a_selection_has_exact_offsets(page: Any, tmp_path: Path) -> None:
    select_text(page, EN, "\n" + EN_MISSED + "\n")  # surrounding white space is trimmed
    page.click(f'.article[data-index="{EN}"] button.add-incident')
    new = page.locator(f'.article[data-index="{EN}"] .card').nth(2)
    new.locator('select[name="event_type"]').select_option("strategic_developments")
    new.locator('select[name="sub_event_type"]').select_option("arrests")
    new.locator('textarea[name="summary"]').fill("Police arrested 12 people in Kaduna.")
    new.locator("button.save").click()
    new = page.locator(f'.article[data-index="{EN}"] .card').nth(2)
    new.locator("h3").click()
    assert highlighted(page) == EN_MISSED
    page.check(f'.article[data-index="{EN}"] input.reviewed')

    _, out = download_and_import(page, tmp_path)
    (doc,) = load_gold(out)
    evidence = doc.incidents[2].evidence[0]
    assert evidence.start == EN_TEXT.index(EN_MISSED)  # code points: the emoji counts once
    assert EN_TEXT[evidence.start : evidence.end] == EN_MISSED == evidence.text


def test_a_reload_keeps_the_work(page: Any) -> None:
    page.click(f"{card(EN, 1)} button.edit")
    page.fill(f'{card(EN, 1)} input[name="detained"]', "15")
    page.click(f"{card(EN, 1)} button.save")
    page.click(f"{card(EN, 0)} button.delete")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert "Restored" in page.locator("#saved").text_content()
    assert page.locator(card(EN, 0)).count() == 0
    assert page.locator(card(EN, 1)).get_attribute("data-status") == "edited"
    assert "– / – / 15" in page.locator(card(EN, 1)).text_content()
    assert page.locator("#count-incidents").text_content() == "5"


def test_saving_without_a_change_is_no_edit(page: Any) -> None:
    page.click(f"{card(AR, 0)} button.mark-right")
    page.click(f"{card(AR, 0)} button.edit")
    page.click(f"{card(AR, 0)} button.save")
    assert page.locator(card(AR, 0)).get_attribute("data-status") == "right"
    page.click(f"{card(EN, 1)} button.edit")
    page.click(f"{card(EN, 1)} button.save")
    assert page.locator(card(EN, 1)).get_attribute("data-status") == "unchecked"


def test_one_editor_at_a_time(page: Any) -> None:
    page.click(f"{card(EN, 0)} button.edit")
    page.fill(f'{card(EN, 0)} input[name="fatalities"]', "7")
    page.click(f"{card(AR, 0)} button.edit")  # another article: the first editor closes
    assert page.locator(".editor").count() == 1
    page.click(f"{card(AR, 0)} button.save")
    assert "3 / – / –" in page.locator(card(EN, 0)).text_content()  # the dropped draft
    assert "4 / – / –" in page.locator(card(AR, 0)).text_content()


def test_an_incident_marked_wrong_blocks_review(page: Any) -> None:
    page.click(f"{card(AR, 1)} button.mark-wrong")
    page.click(f'.article[data-index="{AR}"] input.reviewed')  # refused: stays unticked
    article = page.locator(f'.article[data-index="{AR}"]')
    assert not article.locator("input.reviewed").is_checked()
    assert "incident 2 is marked wrong" in article.locator(".article-message").text_content()


def test_filters_change_the_visible_counts(page: Any) -> None:
    count = page.locator("#count-incidents")
    page.select_option("#filter-type", "strategic_developments")
    assert count.text_content() == "2"
    assert page.locator("#count-articles").text_content() == "2"
    assert page.locator(".card:visible").count() == 2
    page.select_option("#filter-country", "SY")
    assert count.text_content() == "1"
    # Counts per type ignore the type filter itself.
    chip = page.locator('.type-count[data-type="explosions_remote_violence"]')
    assert chip.get_attribute("data-count") == "1"
    page.click("#filter-clear")
    assert count.text_content() == "6"
    page.fill("#filter-from", "2025-03-01")
    assert count.text_content() == "2"  # the Kano and Kaduna incidents
    assert page.locator("#map .point").count() == 2
    page.fill("#filter-to", "2025-03-03")
    assert count.text_content() == "1"


def test_a_map_point_selects_its_incident(page: Any) -> None:
    assert page.locator("#map .point").count() == 4  # the located incidents
    page.click('#map .point[data-key="a1-m1"]')
    assert "selected" in page.locator(card(AR, 1)).get_attribute("class")
    assert highlighted(page) == AR_ARREST


# --- pages of articles: one article drawn at a time here (100 by default) ------------------


@pytest.fixture
def paged(browser: Any, tmp_path: Path, seen: Seen) -> Iterator[Any]:
    out = tmp_path / "paged.html"
    write_review_page(review_lines(), out, page_size=1)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("pageerror", lambda e: seen.errors.append(f"pageerror: {e}"))
    tab.goto(out.as_uri())
    tab.wait_for_selector("body[data-ready]")
    yield tab
    context.close()


def test_one_page_of_articles_is_drawn_and_the_counts_cover_all(paged: Any, seen: Seen) -> None:
    assert paged.locator(".article").count() == 1
    assert paged.locator("#pager-range").text_content() == "Articles 1–1 of 4 (page 1 of 4)"
    assert paged.locator("#count-incidents").text_content() == "6"  # every article's
    assert paged.locator("#map .point").count() == 4
    paged.click("#pager-next")
    assert paged.locator(".article").count() == 1
    assert paged.locator(f'.article[data-index="{AR}"]').count() == 1
    assert paged.locator("#pager-prev").is_enabled()
    assert not seen.errors


def test_a_point_on_another_page_turns_to_it(paged: Any) -> None:
    assert paged.locator(f'.article[data-index="{AR}"]').count() == 0
    paged.click('#map .point[data-key="a1-m1"]')
    assert paged.locator("#pager-range").text_content().startswith("Articles 2–2 of 4")
    assert "selected" in paged.locator(card(AR, 1)).get_attribute("class")
    assert highlighted(paged) == AR_ARREST


def test_work_on_one_page_survives_turning_pages(paged: Any) -> None:
    paged.click(f"{card(EN, 0)} button.mark-right")
    paged.click("#pager-next")
    paged.click("#pager-prev")
    assert paged.locator(card(EN, 0)).get_attribute("data-status") == "right"


def test_a_filter_starts_again_from_its_first_page(paged: Any) -> None:
    paged.click("#pager-next")
    paged.select_option("#filter-country", "SY")
    assert paged.locator("#pager-range").count() == 0  # one article left: no pages
    assert paged.locator(f'.article[data-index="{AR}"]').count() == 1
