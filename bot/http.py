"""The Bot API's HTTP client for python-telegram-bot, on aiohttp instead of its default httpx.

Every tenant message costs two Bot API calls (the getUpdates that brings it and the
sendMessage that answers it). Through httpx (with httpcore, anyio and h11 beneath it) those
took about a seventh of the app's time per message on the event loop; aiohttp, which the app
already uses for Rasa and its web server, does the same in about half of it
(docs/performance.md). python-telegram-bot turns the status and body into its errors, as
with httpx.
"""

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import JSONDict, ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a pool of `connections`; timeouts as PTB's HTTPXRequest has
    them (in seconds, None: no limit), but no write timeout."""

    def __init__(
        self,
        connections: int = 256,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The read timeout of a request that sets none, in seconds (None: no limit)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Opens the aiohttp session, unless one is open already."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Closes the aiohttp session, if one is open."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Sends one request to the Bot API through aiohttp; returns the status and the body."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        # aiohttp's `connect` includes the wait for a free connection of the pool; it has no
        # write timeout (a request's body is small here, and sending it counts towards none).
        del write_timeout
        timeout = aiohttp.ClientTimeout(
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method,
                url,
                data=_body(request_data),
                headers={"User-Agent": self.USER_AGENT},
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


class UpdatesRequest(AiohttpRequest):
    """The request getUpdates goes through. It keeps the JSON of the updates it brought last,
    so they are stored as the Bot API sent them: python-telegram-bot writing each update back
    (`Update.to_dict`) took longer than storing it."""

    def __init__(self, connections: int = 1) -> None:
        super().__init__(connections=connections)
        self.last_updates: dict[int, JSONDict] = {}

    def parse_json_payload(self, payload: bytes) -> JSONDict:  # type: ignore[override]  # static in PTB
        """Parses an answer as PTB does; keeps the raw updates of a list result by update_id."""
        data = super().parse_json_payload(payload)
        result = data.get("result")
        if isinstance(result, list):
            self.last_updates = {
                update["update_id"]: update
                for update in result
                if isinstance(update, dict) and type(update.get("update_id")) is int
            }
        return data


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The parameters as a form (multipart when there are files), as Telegram takes them."""
    if request_data is None:
        return None
    files = request_data.multipart_data
    if not files:
        return request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
