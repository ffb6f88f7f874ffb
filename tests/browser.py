"""The tests use the same browser helpers as the build (kvalitet/browser.py)."""

from kvalitet.output.browser import CHROMIUM_ARGS, launch, serve, system_chromium

__all__ = ["CHROMIUM_ARGS", "launch", "serve", "system_chromium"]
