"""A text file the browser saves instead of showing (a tenant's data export)."""

from aiohttp import web


def text_download(body: str, file_name: str) -> web.Response:
    """The body as a plain-text attachment that no cache keeps."""
    return web.Response(
        text=body,
        content_type="text/plain",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{file_name}"',
            "Cache-Control": "no-store",
        },
    )
