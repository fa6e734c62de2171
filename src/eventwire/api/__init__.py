"""The HTTP side: a read-only JSON API over the store, the web page, and an opt-in POST that runs
the pipeline on submitted articles."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
