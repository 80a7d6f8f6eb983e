"""End to end in Debian's headless Chromium, driven by Playwright, against a live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

if TYPE_CHECKING:
    from live_server import LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("RAG_TEST_CHROMIUM", "/usr/bin/chromium"))
# Opting out must be explicit; a missing browser otherwise fails the run.
OPT_OUT = "RAG_SKIP_BROWSER_TESTS"
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded one), headless."""
    if not CHROMIUM.exists():
        if os.environ.get(OPT_OUT) == "1":
            pytest.skip(f"{CHROMIUM} is missing and {OPT_OUT}=1")
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps), "
            f"point RAG_TEST_CHROMIUM at it, or set {OPT_OUT}=1 to skip the browser tests"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh page on the chat, loaded; any dialog (an alert from injected script) is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url, wait_until="domcontentloaded")
    page.wait_for_selector("#question textarea")
    yield page
    context.close()
    assert dialogs == [], "script from a document or question ran in the page"


def _ask(page: Page, question: str) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")


def test_ask_open_the_cited_passage_then_upload_and_ask_about_it(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    expect(page.get_by_text("What did Kazakhstan ban?").first).to_be_visible()  # an example
    _ask(page, "What did Kazakhstan ban?")
    answer = page.locator("#chatbot [data-testid=bot]").last
    link = answer.locator("a[href='#source-1']")
    expect(link).to_be_visible()
    expect(answer).to_contain_text("six months")

    card = page.locator("#sources #source-1")
    card.locator("summary").click()  # the reader folds the passage away ...
    expect(card).not_to_have_attribute("open", "")
    link.click()  # ... and the [1] in the answer opens it again, highlighted
    expect(card).to_have_attribute("open", "")
    expect(card).to_have_class(re.compile(r"\brag-focus\b"))
    cited = live_server.assistant.ask("What did Kazakhstan ban?").citations[0]
    expect(card.locator("mark")).to_have_text(cited.text)
    expect(card).to_contain_text(cited.title)
    expect(card).to_contain_text(cited.date)
    page.screenshot(path=tmp_path / "chat.png", full_page=True)

    notes = tmp_path / "lighthouse.md"
    notes.write_text(
        "# Lighthouse log\n\nThe keeper of the Skerry Island light is Ingrid Solberg.\n"
    )
    page.get_by_role("tab", name="Documents").click()
    page.set_input_files("#upload input[type=file]", notes)
    page.click("#index")
    expect(page.locator("#upload-status")).to_contain_text("Indexed lighthouse.md")
    expect(page.locator("#documents")).to_contain_text("Lighthouse log")
    page.screenshot(path=tmp_path / "documents.png", full_page=True)

    page.get_by_role("tab", name="Chat").click()
    page.click("#new-chat")
    expect(page.locator("#chatbot [data-testid=bot]")).to_have_count(0)
    _ask(page, "Who is the keeper of the Skerry Island light?")
    answer = page.locator("#chatbot [data-testid=bot]").last
    expect(answer.locator("a[href='#source-1']")).to_be_visible()
    expect(answer).to_contain_text("Ingrid Solberg")
    expect(page.locator("#sources #source-1")).to_contain_text("Lighthouse log")
    page.screenshot(path=tmp_path / "upload-answer.png", full_page=True)


def test_html_in_documents_and_questions_stays_text(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    live_server.assistant.ingest_upload(
        "hostile.md",
        b"# <img src=x onerror=alert('title')> Moon facts\n\n"
        b"The moon is made of <script>alert('doc')</script> green cheese, "
        b"say <img src=x onerror=alert('img')> local **experts**.\n",
    )
    question = "What is the moon made of? <img src=x onerror=alert('question')>"
    _ask(page, question)
    answer = page.locator("#chatbot [data-testid=bot]").last
    expect(answer).to_contain_text("<script>alert('doc')</script> green cheese")
    expect(page.locator("#chatbot [data-testid=user]").last).to_have_text(question)
    sources = page.locator("#sources")
    expect(sources).to_contain_text("<img src=x onerror=alert('title')> Moon facts")
    expect(sources.locator("mark").last).to_contain_text("<script>alert('doc')</script>")
    expect(sources).to_contain_text("**experts**")
    assert page.locator("#chatbot img[src=x], #sources img, #sources script").count() == 0
    page.screenshot(path=tmp_path / "hostile.png", full_page=True)


def test_the_evaluation_tab_runs_the_bundled_set_and_shows_its_report(
    page: Page, tmp_path: Path
) -> None:
    page.get_by_role("tab", name="Evaluation").click()
    page.get_by_role("button", name="Run the evaluation").click()
    report = page.frame_locator("iframe.rag-eval-report")
    expect(report.locator("h1")).to_have_text("Evaluation report", timeout=180_000)
    expect(report.locator("body")).to_contain_text("accuracy")
    expect(page.locator("#eval-figures")).to_contain_text("abstention")
    page.screenshot(path=tmp_path / "evaluation.png", full_page=True)
