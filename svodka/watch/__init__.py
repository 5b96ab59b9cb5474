"""Following news feeds: ``svodka feeds`` (the list, in the archive) and ``svodka watch`` (the long-running poller).

Modules: ``feeds`` (canonical item URLs, discovery, OPML, reading a feed), ``schedule`` (when to
poll next: pure functions), ``poller`` (async HTTP with the fetcher's safety rules),
``watcher`` (polling, pages, analysis and storage), ``testserver`` (synthetic feeds on
loopback for tests, bench and demo). The state lives in the archive: ``svodka.store.feeds``.
"""
