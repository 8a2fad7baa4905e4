"""Describes a Telegram update as the channel-neutral InboundMessage the services understand."""

from telegram import Message, Update

from handoff.domain.channels import Channel
from handoff.domain.commands import Command, parse_command
from handoff.services.intake import InboundMessage

CHANNEL = Channel.TELEGRAM


def describe(update: Update) -> InboundMessage | None:
    """Returns the message an update carries, or None for updates the app does not handle."""
    update_id = str(update.update_id)
    if query := update.callback_query:
        chat_id = str(query.message.chat.id) if query.message else str(query.from_user.id)
        return InboundMessage(
            CHANNEL,
            update_id,
            chat_id,
            query.from_user.full_name,
            "button",
            text=_button_title(query.message, query.data) or query.data,
            payload=query.data,
            extra={"user_id": query.from_user.id, "callback_query_id": query.id},
        )
    message = update.message or update.edited_message
    if message is None or message.chat.type != "private" or message.from_user is None:
        return None
    kind, file_id = _content(message)
    return InboundMessage(
        CHANNEL,
        update_id,
        str(message.chat.id),
        message.from_user.full_name,
        kind,
        text=message.text or message.caption,
        file_id=file_id,
        reply_to_message_id=(
            str(message.reply_to_message.message_id) if message.reply_to_message else None
        ),
        edited=update.edited_message is not None,
        command=_command(update, message.text),
        language_hint=message.from_user.language_code,  # the Telegram app's language
        extra={"user_id": message.from_user.id},
    )


def _command(update: Update, text: str | None) -> Command | None:
    """Reads a typed command; one addressed to another bot ("/zaken@otherbot") is none."""
    try:
        username = update.get_bot().username
    except RuntimeError:  # an update read back without its bot: no other bot to tell apart
        username = None
    return parse_command(text, username)


def _content(message: Message) -> tuple[str, str | None]:
    """Returns what kind of message this is and the file it carries, if any."""
    if message.text is not None:
        return "text", None
    if message.photo:
        return "photo", message.photo[-1].file_id
    for kind, attachment in (
        ("voice", message.voice),
        ("voice", message.audio),
        ("video", message.video),
        ("video", message.video_note),
        ("document", message.document),
        ("sticker", message.sticker),
    ):
        if attachment is not None:
            return kind, attachment.file_id
    return "other", None


def _button_title(message: object, data: str | None) -> str | None:
    """Finds the title of the pressed button, for the transcript."""
    markup = getattr(message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()):
        for button in row:
            if button.callback_data == data:
                return button.text
    return None
