"""The hub app's pages as a security test walks them: every GET without URL parameters, and
the prefixes that may be open without a login."""

from __future__ import annotations

# What may be open without a login: the stage screen and public count (and their feeds), the
# public figures, the login itself, the public sign-up (and the participant's own link, which
# carries its token in the URL), and what devices call (authenticated by their own keys).
PUBLIC_PREFIXES = (
    "/screen",
    "/count",
    "/api/stats",
    "/api/openapi.json",
    "/login",
    "/setup",
    "/signup",
    # A party's answer to the follow-up question: the signed link in the URL is the key.
    "/followup/answer",
    # The børskatalog (its pages, the public API, its CSS): everyone who agreed to be shown,
    # without contact details; the hub may serve it on the internet for the sign-up weeks.
    "/catalogue",
    "/api/catalogue",
    # The privacy notice: what is kept, why, how long, who sees it, for anyone asked to sign up
    # (the consent log and the erasure below /privacy/ need the login like every organiser page).
    "/privacy",
    # An invitation's unsubscribe link and the one-click POST of RFC 8058 from a mail client:
    # the address's keyed tag in the URL is the proof; a GET only shows a button.
    "/mail/unsubscribe",
)
DEVICE_PREFIXES = ("/api/sync/", "/api/pair")


def plain_get_routes(app) -> list[tuple[str, str]]:
    """(endpoint, path) of every page a GET reaches without URL parameters."""
    found = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not rule.endpoint.endswith("static"):
            found.append((rule.endpoint, rule.rule))
    return sorted(found)
