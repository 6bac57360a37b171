"""The hub's privacy room: the notice, the consent log, one person's export, erasure and the
retention purge (promise 8; docs/privacy.md)."""
