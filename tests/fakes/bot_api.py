"""A fake Telegram Bot API server over real HTTP, for the bot's tests and the benchmark.

It speaks the methods the bot uses (getMe, getUpdates with offset and timeout, sendMessage,
sendDocument, sendPhoto…, answerCallbackQuery, editMessageText, getFile, setWebhook,
deleteWebhook, getWebhookInfo, setMyCommands, deleteMyCommands), keeps every message the bot
sends, and lets a test play tenants and employees.

With a webhook set it behaves as Telegram does: getUpdates is refused (409), and the updates
users send are posted to the webhook one by one, in order, with the secret in
X-Telegram-Bot-Api-Secret-Token, each again until the app answers 200. The webhook's address
is public HTTPS; `forward_webhook_to` says where its requests arrive, as a TLS proxy in front
of the app would forward them.
"""

import asyncio
import contextlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

BOT_USER = {
    "id": 777000,
    "is_bot": True,
    "first_name": "Aandacht",
    "username": "aandacht_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user in a private chat with the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    language_code: str | None = None  # the language of the user's Telegram app ("tr")

    def as_dict(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


@dataclass
class SentMessage:
    """A message the bot sent through the fake server."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    document_name: str | None = None
    document_body: bytes | None = None
    file_id: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def buttons(self) -> list[tuple[str, str]]:
        """Returns (title, callback data) for every inline button."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


class FakeBotApi:
    """The fake server; start it, point the bot at `base_url`, and play users."""

    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        self.token = token
        self.sent: list[SentMessage] = []
        self.sent_per_chat: Counter[int] = Counter()
        self.callback_answers: list[dict[str, Any]] = []
        self.edits: list[dict[str, Any]] = []
        self.confirmed: list[int] = []  # update ids, in the order getUpdates confirmed them
        self.polls = 0  # getUpdates calls so far
        self.on_confirm: Callable[[int], Awaitable[None]] | None = None
        self.failures: dict[str, list[dict[str, Any]]] = {}
        self.slow: dict[str, list[float]] = {}  # seconds the next calls of a method take
        self._pending: list[dict[str, Any]] = []
        self._delivered: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.base_url = ""
        self.webhook: dict[str, Any] | None = None  # what setWebhook was given, until deleted
        self.webhook_calls: list[str] = []  # setWebhook and deleteWebhook, in order
        self.webhook_answers: list[int] = []  # the app's HTTP status for each posted update
        self.commands: dict[str, list[dict[str, str]]] = {}  # scope (as JSON) → its menu
        self._forward_to: str | None = None
        self._poster: asyncio.Task[None] | None = None

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> str:
        """Starts the server on a free port and returns its base URL."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Stops the server, ending long polls and webhook posts at once."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._poster is not None:
            await self._poster
        if self._runner:
            await self._runner.cleanup()

    # --- playing users ------------------------------------------------------------------

    def send_text(self, user: FakeUser, text: str, reply_to: SentMessage | None = None) -> int:
        """Queues a text message from the user; returns its update id."""
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            extra["reply_to_message"] = reply_to.raw
        return self._push({"message": self._message(user, extra)})

    def send_media(
        self,
        user: FakeUser,
        kind: str,
        caption: str | None = None,
        reply_to: SentMessage | None = None,
    ) -> int:
        """Queues a photo, voice, sticker, document or video from the user."""
        file = {"file_id": f"{kind}-file-{next(self._message_ids)}", "file_unique_id": "u1"}
        content: dict[str, Any] = {
            "photo": {
                "photo": [dict(file, width=90, height=90), dict(file, width=800, height=800)]
            },
            "voice": {"voice": dict(file, duration=3)},
            "video": {"video": dict(file, duration=3, width=320, height=240)},
            "document": {"document": dict(file, file_name="brief.pdf")},
            "sticker": {
                "sticker": dict(
                    file, type="regular", width=512, height=512, is_animated=False, is_video=False
                )
            },
        }[kind]
        if caption:
            content["caption"] = caption
        if reply_to is not None:
            content["reply_to_message"] = reply_to.raw
        return self._push({"message": self._message(user, content)})

    def edit_text(self, user: FakeUser, update_id: int, new_text: str) -> int:
        """Queues an edit of a text message the user sent earlier."""
        original = self._delivered.get(update_id) or next(
            u for u in self._pending if u["update_id"] == update_id
        )
        edited = dict(original["message"], text=new_text, edit_date=int(time.time()))
        return self._push({"edited_message": edited})

    def press_button(self, user: FakeUser, message: SentMessage, data: str) -> int:
        """Queues a press on an inline button of a message the bot sent."""
        query = {
            "id": str(next(self._message_ids)),
            "from": user.as_dict(),
            "chat_instance": "fake",
            "data": data,
            "message": message.raw,
        }
        return self._push({"callback_query": query})

    def delivered_update(self, update_id: int) -> dict[str, Any]:
        """The JSON of an update as getUpdates (or the webhook) gave it out."""
        return self._delivered[update_id]

    def redeliver(self, update_id: int) -> None:
        """Delivers an update that was already delivered once more (as after a restart)."""
        self._pending.append(self._delivered[update_id])
        self._notify()

    def text_update(self, user: FakeUser, text: str) -> dict[str, Any]:
        """An update with a text message from the user, not queued: for posting it by hand."""
        message = self._message(user, {"text": text})
        return {"update_id": next(self._update_ids), "message": message}

    # --- the webhook ----------------------------------------------------------------------

    def forward_webhook_to(self, origin: str) -> None:
        """Where requests to the webhook's public address arrive ("http://127.0.0.1:8080")."""
        self._forward_to = origin.rstrip("/")
        self._notify()

    async def post_to_webhook(
        self,
        body: dict[str, Any] | bytes,
        *,
        secret: str | None = None,
        with_secret: bool = True,
    ) -> int:
        """Posts one body to the webhook as Telegram does (with the secret setWebhook was given,
        unless another or none is asked for); returns the app's HTTP status."""
        assert self.webhook is not None
        assert self._forward_to is not None
        headers = {"Content-Type": "application/json"}
        if with_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret or self.webhook["secret_token"]
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        url = self._forward_to + urlsplit(self.webhook["url"]).path
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, data=data, headers=headers) as response,
        ):
            return response.status

    async def _post_pending(self) -> None:
        """Posts the pending updates to the webhook in order, each until it is acknowledged."""
        while True:
            async with self._changed:
                await self._changed.wait_for(
                    lambda: (
                        self._closing
                        or self.webhook is None
                        or (self._forward_to is not None and bool(self._pending))
                    )
                )
            if self._closing or self.webhook is None:
                self._poster = None
                return
            update = min(self._pending, key=lambda u: u["update_id"])
            try:
                status = await self.post_to_webhook(update)
            except aiohttp.ClientError:
                status = 0  # the app is not listening: Telegram tries again later
            self.webhook_answers.append(status)
            if status == 200:
                self._pending.remove(update)
                self._delivered[update["update_id"]] = update
                self.confirmed.append(update["update_id"])
                if self.on_confirm is not None:
                    await self.on_confirm(update["update_id"])
            self._notify()
            if status != 200:  # Telegram waits before it tries again; so does the fake
                async with self._changed:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            self._changed.wait_for(lambda: self._closing), timeout=0.05
                        )

    # --- waiting for the bot ------------------------------------------------------------

    async def wait_for(
        self, predicate: Callable[[SentMessage], bool], timeout: float = 60.0, start: int = 0
    ) -> SentMessage:
        """Waits until the bot has sent a message matching the predicate and returns it."""

        def find() -> SentMessage | None:
            return next((m for m in self.sent[start:] if predicate(m)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: find() is not None), timeout)
        found = find()
        assert found is not None
        return found

    async def wait_for_text(
        self, chat_id: int, contains: str, timeout: float = 60.0, start: int = 0
    ) -> SentMessage:
        """Waits for a message to this chat whose text (or caption) contains a phrase."""
        return await self.wait_for(
            lambda m: m.chat_id == chat_id and contains in (m.text or ""), timeout, start
        )

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 60.0) -> None:
        """Waits until a condition on the fake's records holds."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Returns everything the bot sent to this chat, in order."""
        return [m for m in self.sent if m.chat_id == chat_id]

    def answer_slowly(self, method: str, seconds: float) -> None:
        """Makes the next call of a method take this long before it answers (and succeeds),
        as a Bot API under load does."""
        self.slow.setdefault(method, []).append(seconds)

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        chat_id: int | None = None,
        **parameters: Any,
    ) -> None:
        """Makes the next call of a method fail as Telegram would (e.g. 429 with retry_after);
        with `chat_id`, the next call of that method to that chat."""
        self.failures.setdefault(method, []).append(
            {
                "ok": False,
                "error_code": error_code,
                "description": description,
                "parameters": parameters,
                "chat_id": chat_id,
            }
        )

    # --- internals ----------------------------------------------------------------------

    def _message(self, user: FakeUser, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": user.chat(),
            "from": user.as_dict(),
            **content,
        }

    def _push(self, body: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._pending.append({"update_id": update_id, **body})
        self._notify()
        return update_id

    def _notify(self) -> None:
        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        asyncio.get_running_loop().create_task(notify())

    async def _file(self, request: web.Request) -> web.Response:
        return web.Response(body=b"fake file " + request.match_info["path"].encode())

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params, files = await _parameters(request)
        failure = next(
            (
                f
                for f in self.failures.get(method, [])
                if f["chat_id"] is None or str(f["chat_id"]) == str(params.get("chat_id"))
            ),
            None,
        )
        if failure is not None:
            self.failures[method].remove(failure)
            body = {key: value for key, value in failure.items() if key != "chat_id"}
            return web.json_response(body, status=failure["error_code"])
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": f"Not Found: {method}"}, status=404
            )
        if self.slow.get(method):
            await asyncio.sleep(self.slow[method].pop(0))  # the slowness under test
        try:
            result = await handler(params, files)
        except _Refused as refused:
            body = {"ok": False, "error_code": refused.code, "description": refused.description}
            return web.json_response(body, status=refused.code)
        return web.json_response({"ok": True, "result": result})

    async def _m_getMe(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return BOT_USER

    async def _m_setWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        url = str(params.get("url") or "")
        if not url.startswith("https://"):
            raise _Refused(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        allowed = params.get("allowed_updates")
        self.webhook = {
            "url": url,
            "secret_token": params.get("secret_token"),
            "allowed_updates": json.loads(allowed) if isinstance(allowed, str) else allowed,
            "drop_pending_updates": _flag(params.get("drop_pending_updates")),
        }
        self.webhook_calls.append("setWebhook")
        if self.webhook["drop_pending_updates"]:
            self._pending.clear()
        if self._poster is None:
            self._poster = asyncio.get_running_loop().create_task(self._post_pending())
        self._notify()
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.webhook_calls.append("deleteWebhook")
        self.webhook = None
        if _flag(params.get("drop_pending_updates")):
            self._pending.clear()
        self._notify()
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    async def _m_setMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        commands = params["commands"]
        self.commands[_scope(params)] = (
            json.loads(commands) if isinstance(commands, str) else commands
        )
        self._notify()
        return True

    async def _m_deleteMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.commands.pop(_scope(params), None)
        self._notify()
        return True

    async def _m_getUpdates(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise _Refused(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        self.polls += 1
        self._notify()
        if offset:
            # Telegram forgets every update below the offset: they count as received now.
            for update in [u for u in self._pending if u["update_id"] < offset]:
                self._pending.remove(update)
                self.confirmed.append(update["update_id"])
                if self.on_confirm is not None:
                    await self.on_confirm(update["update_id"])
            self._notify()
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(
                        lambda: (
                            self._closing or any(u["update_id"] >= offset for u in self._pending)
                        )
                    ),
                    timeout,
                )
        updates = sorted(
            (u for u in self._pending if u["update_id"] >= offset), key=lambda u: u["update_id"]
        )
        for update in updates:
            self._delivered[update["update_id"]] = update
        return updates[:100]

    async def _record(self, method: str, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        message_id = next(self._message_ids)
        chat_id = int(params["chat_id"])
        markup = params.get("reply_markup")
        markup = json.loads(markup) if isinstance(markup, str) else markup
        raw: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
        }
        text = params.get("text") or params.get("caption")
        raw["text" if "text" in params else "caption"] = text
        if markup:
            raw["reply_markup"] = markup
        raw.update(extra.pop("raw_extra", {}))
        sent = SentMessage(
            method, chat_id, message_id, text, params.get("parse_mode"), markup, raw=raw, **extra
        )
        self.sent.append(sent)
        self.sent_per_chat[chat_id] += 1
        self._notify()
        return raw

    async def _m_sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._record("sendMessage", params)

    async def _m_sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        upload = files.get("document")
        if upload is not None:
            name, body = upload
            document = {"file_id": f"doc-{name}", "file_unique_id": name, "file_name": name}
            return await self._record(
                "sendDocument",
                params,
                document_name=name,
                document_body=body,
                raw_extra={"document": document},
            )
        file_id = params["document"]
        document = {"file_id": file_id, "file_unique_id": file_id}
        return await self._record(
            "sendDocument", params, file_id=file_id, raw_extra={"document": document}
        )

    async def _send_file(self, method: str, field_name: str, params: dict[str, Any]) -> Any:
        file_id = params[field_name]
        content: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id}
        if field_name == "photo":
            content = [dict(content, width=800, height=800)]  # type: ignore[assignment]  # a photo comes as a list of sizes
        elif field_name == "sticker":
            content.update(
                type="regular", width=512, height=512, is_animated=False, is_video=False
            )
        elif field_name in ("voice", "video"):
            content.update(duration=3, width=320, height=240)
        return await self._record(method, params, file_id=file_id, raw_extra={field_name: content})

    async def _m_sendPhoto(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._send_file("sendPhoto", "photo", params)

    async def _m_sendVoice(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._send_file("sendVoice", "voice", params)

    async def _m_sendVideo(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._send_file("sendVideo", "video", params)

    async def _m_sendSticker(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._send_file("sendSticker", "sticker", params)

    async def _m_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.callback_answers.append(params)
        self._notify()
        return True

    async def _m_editMessageText(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.edits.append(params)
        self._notify()
        return {
            "message_id": int(params["message_id"]),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "text": params["text"],
        }

    async def _m_getFile(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        file_id = params["file_id"]
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": 10,
            "file_path": f"files/{file_id}",
        }


class _Refused(Exception):
    """A call Telegram would refuse, with its error code and description."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code, self.description = code, description


def _flag(value: Any) -> bool:
    """A boolean parameter as it arrives: JSON true, or "true" in a form."""
    return value is True or str(value).lower() == "true"


def _scope(params: dict[str, Any]) -> str:
    """A command scope as a key: its JSON with sorted keys (none is the default scope), and
    after a space the language the menu is for, when it is for one."""
    scope = params.get("scope") or {"type": "default"}
    scope = json.loads(scope) if isinstance(scope, str) else scope
    language = params.get("language_code")
    return json.dumps(scope, sort_keys=True) + (f" {language}" if language else "")


async def _parameters(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Reads a Bot API call's parameters: query string, JSON, form or multipart."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if part.filename:
                files[part.name] = (part.filename, await part.read())
            else:
                params[part.name] = (await part.read()).decode()
    elif request.can_read_body:
        params.update(await request.post())
    return params, files
