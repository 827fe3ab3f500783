"""whodid: who did what to whom, when and where. Political event data from news text."""

__version__ = "0.1.0"
