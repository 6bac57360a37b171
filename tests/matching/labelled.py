"""The labelled set (labelled_set.toml) loaded into a real hub, and precision at 5 over it."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

from hub.service import Hub

SET = Path(__file__).parent / "labelled_set.toml"


def load() -> dict:
    return tomllib.loads(SET.read_text())


def seed(hub: Hub, data: dict) -> dict[str, tuple[str, str, int]]:
    """Register every participant; returns label id -> (participant id, side, slot)."""
    where = {}
    for p in data["participant"]:
        pid = hub.register_participant(
            {
                "name": p["name"],
                "sector": p["sector"],
                "needs": [{"category": n["category"], "text": n["text"]} for n in p["needs"]],
                "offers": [{"category": o["category"], "text": o["text"]} for o in p["offers"]],
                "consent_public": True,
            }
        )
        for slot, item in enumerate(p["needs"]):
            where[item["id"]] = (pid, "need", slot)
        for slot, item in enumerate(p["offers"]):
            where[item["id"]] = (pid, "offer", len(p["needs"]) + slot)
    return where


def precision_at(ranked: dict[str, list[str]], labels: dict[str, list[str]], k: int = 5):
    """Mean precision at k over the needs that have at least one relevant offer, and the same
    divided by the best reachable (min(k, relevant)) so a need with one good offer can score 1."""
    judged = [n for n, relevant in labels.items() if relevant]
    plain, reachable = [], []
    for need in judged:
        top = ranked.get(need, [])[:k]
        hits = len(set(top) & set(labels[need]))
        plain.append(hits / k)
        reachable.append(hits / min(k, len(labels[need])))
    return sum(plain) / len(judged), sum(reachable) / len(judged)


def ranked_by_matchmaker(hub: Hub, where: dict, k: int = 5, fill: bool = True):
    label_of = {v: k for k, v in where.items()}
    catalogue = hub.evening.catalogue
    ranked = {}
    for label, (pid, side, slot) in where.items():
        if side != "need":
            continue
        need = catalogue.entry(pid).resources[slot]
        matches = catalogue.matches.for_need(need, limit=k, fill=fill)
        ranked[label] = [label_of[(m.giver, "offer", m.offer.slot)] for m in matches]
    return ranked


_OLD_WORD = re.compile(r"\w{4,}")


def _old_words(text: str) -> set[str]:
    return {w[:6] for w in _OLD_WORD.findall(text.casefold())}


def ranked_by_old_rule(data: dict) -> dict[str, list[str]]:
    """The MC's talking-points rule before this one: same category, ranked by words in common
    (their first six letters), another sector next; offers sharing none still listed."""
    offers = [(p, o) for p in data["participant"] for o in p["offers"]]
    ranked = {}
    for p in data["participant"]:
        for need in p["needs"]:
            scored = []
            for giver, offer in offers:
                if giver is p or offer["category"] != need["category"]:
                    continue
                shared = len(_old_words(offer["text"]) & _old_words(need["text"]))
                scored.append(((-shared, giver["sector"] == p["sector"], giver["name"]), offer))
            scored.sort(key=lambda pair: pair[0])
            ranked[need["id"]] = [offer["id"] for _, offer in scored]
    return ranked


def unmet_agreement(ranked: dict[str, list[str]], labels: dict[str, list[str]]) -> Counter:
    """How the 'no offer meets it' list agrees with the labels."""
    tally = Counter()
    for need, relevant in labels.items():
        tally[("unmet" if not ranked.get(need) else "met", bool(relevant))] += 1
    return tally
