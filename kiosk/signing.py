"""The tablet's side of signed events (:mod:`shared.core.signing`): it signs what it pushes,
learns the hub's and the other tablets' keys from the hub's sealed pull answers, and checks
every event it takes into its mirror, so an event changed on the way is refused."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from shared.core import signing
from shared.core.files import write_private
from shared.sync.protocol import ProtocolError

HUB_FILE = "signing-hub"


class TabletSigner:
    def __init__(self, data_dir: Path, device_id: str):
        self.data_dir = data_dir
        self.device_id = device_id
        self.key = signing.load_or_create_key(data_dir)
        self.public = signing.public_text(self.key)
        self.keys = signing.KeyBook(data_dir)
        self.keys.pin(device_id, self.public)
        try:
            self.hub: str | None = (data_dir / HUB_FILE).read_text().strip() or None
        except OSError:
            self.hub = None  # a hub of an older release: events are taken as the seal vouches

    def sign_all(self, wires: list[dict]) -> list[dict]:
        return [signing.sign(w, self.key, self.device_id) for w in wires]

    def learn(self, answer: object) -> None:
        """Keys from a pull answer (sealed by the pinned hub key, so they are the hub's word)."""
        if not isinstance(answer, Mapping) or not isinstance(answer.get("keys"), Mapping):
            return
        try:
            self.keys.pin_all(answer["keys"])
        except signing.SignatureRefused as refused:
            raise ProtocolError(refused.code, refused.message, 409) from None
        hub = answer.get("hub")
        if isinstance(hub, str) and self.keys.get(hub) is not None and hub != self.hub:
            self.hub = hub
            write_private(self.data_dir / HUB_FILE, hub)

    def check_all(self, wires: list) -> None:
        """Every event of a page signed by its author or the hub, once the hub is known."""
        for wire in wires:
            if not isinstance(wire, Mapping) or not isinstance(wire.get("state"), Mapping):
                continue  # malformed: the protocol's checks refuse it
            sig = wire.get("sig")
            if self.hub is None and not (
                isinstance(sig, Mapping) and self.keys.get(str(sig.get("by")))
            ):
                continue  # no key of this hub learnt yet (a hub of an older release)
            try:
                self.keys.check(wire, self.hub, required=self.hub is not None)
            except signing.SignatureRefused as refused:
                raise ProtocolError(refused.code, refused.message) from None
