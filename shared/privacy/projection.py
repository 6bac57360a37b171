"""What the privacy room keeps: who was erased (and why), the purges, the tablets' last order
to forget. The participants' views honour erasure themselves (:mod:`shared.participants`)."""

from __future__ import annotations

from shared.core.runner import Projection


class Privacy(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "ParticipantErased": "on_erased",
        "ContactDetailsPurged": "on_purged",
        "TabletsToldToForget": "on_forget",
    }

    def __init__(self) -> None:
        self.erased: dict[str, object] = {}  # participant -> the ParticipantErased
        self.purged: dict[str, object] = {}  # participant -> the ContactDetailsPurged
        self.forget_orders: list = []  # TabletsToldToForget, as they arrived

    def on_erased(self, ev, origin: str, position: int) -> None:
        self.erased.setdefault(ev.participant_id, ev)

    def on_purged(self, ev, origin: str, position: int) -> None:
        for pid in ev.participant_ids:
            self.purged.setdefault(pid, ev)

    def on_forget(self, ev, origin: str, position: int) -> None:
        self.forget_orders.append(ev)

    def is_erased(self, participant_id: str) -> bool:
        return participant_id in self.erased
