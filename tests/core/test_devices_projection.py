"""Which devices wrote the journals held here (shared.core.devices.Devices): role, name, tag."""

from __future__ import annotations

import uuid

from shared.core.device import SOFTWARE_VERSION, device_tag
from tests.support.journals import fold


def test_devices_are_known_by_name_and_tag(venue):
    devices = fold(venue.events).devices.known
    kiosk = devices[str(venue.kiosk1.id)]
    assert (kiosk["role"], kiosk["name"]) == ("kiosk", "Nettbrett 1")
    assert kiosk["tag"] == device_tag(venue.kiosk1.id)
    assert devices[str(venue.hub.id)]["role"] == "hub"


def test_each_device_is_known_by_its_role_and_a_stranger_by_none(venue):
    devices = fold(venue.events).devices
    assert devices.role_of(str(venue.hub.id)) == "hub"
    assert devices.role_of(str(venue.kiosk1.id)) == devices.role_of(str(venue.kiosk2.id)) == "kiosk"
    assert devices.role_of(str(uuid.uuid4())) is None
    assert devices.name_of(str(venue.kiosk2.id)) == "Nettbrett 2"
    assert devices.name_of(str(uuid.uuid4()), "ukjent") == "ukjent"


def test_a_device_notes_the_software_its_journal_was_opened_with(venue):
    devices = fold(venue.events).devices
    assert devices.get(str(venue.kiosk1.id))["software"] == SOFTWARE_VERSION
    assert devices.get(str(uuid.uuid4())) is None


def test_a_tablet_is_known_once_its_journal_opening_arrives_even_after_its_deals(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    kiosk = str(venue.kiosk1.id)
    opened = next(e for e in venue.events if str(e.originator_id) == kiosk)
    evening = fold([e for e in venue.events if e is not opened])
    assert deal_id in evening.deals
    assert evening.devices.role_of(kiosk) is None and kiosk not in evening.devices.known
    evening.apply(opened)
    assert evening.devices.role_of(kiosk) == "kiosk"
    assert evening.devices.name_of(kiosk) == "Nettbrett 1"
