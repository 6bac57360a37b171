"""One registry of event types: names, writers, versions, checks, and who folds them."""

from __future__ import annotations

import pytest
from eventsourcing.utils import resolve_topic

from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.registry import LEGACY_TOPIC, REGISTRY
from shared.evening import Evening
from shared.journal import Journal
from shared.sync.protocol import KIOSK_EVENT_TYPES

EVERY_TYPE = [
    "Opened",
    "EveningScheduled",
    "ParticipantRegistered",
    "ParticipantSignedUp",
    "ParticipantInvited",
    "ParticipantChanged",
    "ParticipantWithdrawn",
    "ParticipantNoteAdded",
    "ParticipantDuplicatesResolved",
    "ConsentTextRecorded",
    "SignUpConfigured",
    "DealRegistered",
    "DealCorrected",
    "DealVoided",
    "DealVoidUndone",
    "DealConflictResolved",
    "DuplicateDealsResolved",
    "WalkInsResolved",
    "HourOpened",
    "HourClosed",
    "ClosingTimeMoved",
    "ScreenConfigured",
    "EarlierEveningRecorded",
    "EarlierEveningRemoved",
    "CategoryDefined",
    "CatalogueAddressSet",
    "ParticipantErased",
    "ContactDetailsPurged",
    "TabletsToldToForget",
    # the follow-up (issue 15) and the report's social value (issue 16)
    "FollowUpRecorded",
    "FollowUpAsked",
    "FollowUpAnswered",
    "FollowUpChangeHeld",
    "FollowUpHeldSettled",
    "SuccessStoryMarked",
    "FollowUpAskingSet",
    "DealValueEstimated",
    "CategoryValueSet",
    # the door (check-ins)
    "ParticipantCheckedIn",
    "CheckInUndone",
    "BadgesPrinted",
    "ArrivalsShownOnScreen",
    # the rehearsal (issue 17)
    "RehearsalStarted",
    "RehearsalEnded",
    "RehearsalWiped",
    "RehearsalJoined",
    "RehearsalLeft",
]


def test_every_event_type_is_registered_once_with_its_writers():
    assert sorted(REGISTRY.names()) == sorted(EVERY_TYPE)
    for name in EVERY_TYPE:
        spec = REGISTRY.get(name)
        assert spec.writers and spec.writers <= {ROLE_HUB, ROLE_KIOSK}
        assert REGISTRY.name_of(spec.cls) == name


def test_a_tablet_writes_only_what_brokers_do():
    expected = {"Opened", "ParticipantRegistered", "DealRegistered", "DealCorrected", "DealVoided"}
    expected |= {"DealVoidUndone"}  # a broker takes back a void on the tablet (issue 11 item 10)
    expected |= {"ParticipantCheckedIn", "CheckInUndone", "RehearsalJoined", "RehearsalLeft"}
    assert REGISTRY.written_by(ROLE_KIOSK) == KIOSK_EVENT_TYPES == expected
    assert REGISTRY.written_by(ROLE_HUB) == set(EVERY_TYPE)


@pytest.mark.parametrize("name", EVERY_TYPE)
def test_every_event_type_is_folded_by_a_projection(name):
    assert REGISTRY.handlers(name), f"nothing folds {name}"


@pytest.mark.parametrize("name", EVERY_TYPE)
def test_release_0_2_topics_resolve_to_todays_classes(name):
    assert resolve_topic(LEGACY_TOPIC.format(name=name)) is REGISTRY.get(name).cls
    assert resolve_topic("shared.domain.journal:Journal") is Journal


def test_a_registered_name_twice_is_refused():
    spec = REGISTRY.get("DealRegistered")
    with pytest.raises(ValueError, match="twice"):
        REGISTRY.event("DealRegistered", writers=spec.writers)(type("Other", (), {}))


def test_the_runner_refuses_a_projection_of_an_unknown_event():
    from shared.core.runner import Projection, Runner

    class Confused(Projection):
        handles = {"DealSigned": "on_signed"}  # noqa: RUF012

    with pytest.raises(ValueError, match="DealSigned"):
        Runner([Confused()])


def test_opened_carries_its_schema_version_and_upcaster():
    spec = REGISTRY.get("Opened")
    assert (spec.version, spec.min_reader) == (2, 1)
    assert Evening().devices.known == {}
