"""The web chat page in a real browser set to Arabic (Playwright drives Debian's Chromium): the
page reads right to left in Arabic, says why a message was refused in Arabic (the server's
reason, or the page's own when the server gave none), and an Arabic message gets the essentials
in Arabic."""

from playwright.async_api import Browser, expect

from handoff import texts
from handoff.app.runtime import Runtime
from tests.fakes.rasa import FakeRasa

ARABIC = texts.IN_OTHER_LANGUAGES["ar"]


async def test_an_arabic_browser_gets_the_chat_in_arabic_right_to_left(
    quick_app: Runtime, fake_rasa: FakeRasa, browser: Browser
) -> None:
    context = await browser.new_context(locale="ar-MA")
    try:
        page = await context.new_page()
        await page.goto(f"http://127.0.0.1:{quick_app.web_port}/chat")
        await expect(page.locator("html")).to_have_attribute("dir", "rtl")
        await expect(page.locator("html")).to_have_attribute("lang", "ar")
        await expect(page.get_by_text(ARABIC["web_intro"])).to_be_visible()
        field = page.get_by_label(ARABIC["web_label"])
        await expect(field).to_have_attribute("placeholder", ARABIC["web_placeholder"])
        send = page.get_by_role("button", name=ARABIC["web_send"])

        await field.fill("ا" * 10_001)  # longer than the server takes: it says so in Arabic
        await send.click()
        await expect(page.get_by_text(ARABIC["web_too_long"])).to_be_visible()

        await context.clear_cookies()  # refused without a reason the page can show
        await field.fill("مرحبا")
        await send.click()
        await expect(page.get_by_text(ARABIC["web_not_arrived"])).to_be_visible()

        await page.reload()  # a new chat cookie
        await field.fill("مرحبا، عندي مشكلة في التدفئة في شقتي منذ أسبوع")
        await send.click()
        await expect(page.get_by_text("أنا المساعد الرقمي لمؤسسة الإسكان")).to_be_visible()
        assert not fake_rasa.received
    finally:
        await context.close()
