"""An employee in their Telegram chat with the bot: commands, replies and a case's buttons."""

from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage


class TelegramEmployee:
    """Plays one linked employee through the fake Bot API."""

    def __init__(self, bot_api: FakeBotApi, user: FakeUser) -> None:
        self.bot_api, self.user = bot_api, user

    async def command(
        self, text: str, reply_to: SentMessage | None = None, timeout: float = 15.0
    ) -> str:
        """Sends a message and returns the bot's next message to this employee."""
        start = len(self.bot_api.sent)
        self.bot_api.send_text(self.user, text, reply_to=reply_to)
        answer = await self.bot_api.wait_for(lambda m: m.chat_id == self.user.id, timeout, start)
        return answer.text or ""

    async def press(self, message: SentMessage, title: str, timeout: float = 15.0) -> str:
        """Presses the button with this title under a message; returns the press's answer."""
        data = dict(message.buttons())[title]
        answered = len(self.bot_api.callback_answers)
        self.bot_api.press_button(self.user, message, data)
        await self.bot_api.wait_until(
            lambda: len(self.bot_api.callback_answers) > answered, timeout
        )
        return self.bot_api.callback_answers[answered].get("text") or ""
