"""Telegram adapter: the python-telegram-bot Application for tenants and employees."""
