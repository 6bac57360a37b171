"""The gong the stage screen plays, synthesised here so nothing comes from the internet.

``python -m hub.gong_sound`` writes ``hub/static/gong.wav``; the file is shipped, and a test
checks it still equals what this script makes. A struck gong is a few inharmonic partials that
ring and fade at different speeds, with a short bright attack; that is all this does.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

RATE = 22_050
SECONDS = 3.5
FUNDAMENTAL = 146.8  # D3: deep enough to feel like a gong, high enough for small speakers
# (ratio to the fundamental, loudness, decay time in seconds)
PARTIALS = (
    (1.00, 1.00, 2.2),
    (1.48, 0.55, 1.6),
    (2.09, 0.45, 1.2),
    (2.63, 0.30, 0.9),
    (3.14, 0.22, 0.6),
    (4.21, 0.15, 0.35),
)
TARGET = Path(__file__).parent / "static" / "gong.wav"


def samples() -> list[int]:
    total = int(RATE * SECONDS)
    peak = sum(loud for _, loud, _ in PARTIALS)
    out = []
    for i in range(total):
        t = i / RATE
        attack = min(1.0, t / 0.004)
        shimmer = 1.0 + 0.002 * math.sin(2 * math.pi * 5.5 * t)  # a slow wobble of pitch
        value = sum(
            loud * math.exp(-t / decay) * math.sin(2 * math.pi * FUNDAMENTAL * ratio * shimmer * t)
            for ratio, loud, decay in PARTIALS
        )
        fade = min(1.0, (SECONDS - t) / 0.3)  # end in silence, not a click
        out.append(round(32767 * 0.85 * attack * fade * value / peak))
    return out


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{int(RATE * SECONDS)}h", *samples()))
    return buffer.getvalue()


def main() -> None:
    TARGET.write_bytes(wav_bytes())
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
