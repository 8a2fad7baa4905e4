"""Security headers on every response: pages, static files, redirects, errors and streams.

The pages load only our own script and style sheet (no inline scripts or styles), so the
policy allows this origin alone; no page may be framed (clickjacking on the desk's buttons).
"""

from aiohttp import web

_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",  # the chat's fetches and the desk's server-sent events
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(_POLICY)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",
}
# Only when served over HTTPS (then the cookies are Secure): a browser then refuses plain
# HTTP for a year. Not on 127.0.0.1, where plain HTTP is what the developer uses.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def setup_headers(app: web.Application, secure: bool) -> None:
    """Adds the headers to every response the app prepares."""
    headers = dict(HEADERS)
    if secure:
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY

    async def add_headers(_request: web.Request, response: web.StreamResponse) -> None:
        for name, value in headers.items():
            response.headers.setdefault(name, value)

    app.on_response_prepare.append(add_headers)
