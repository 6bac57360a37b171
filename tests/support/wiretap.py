"""A recording TCP relay: sits between a kiosk and the hub on loopback and keeps every byte.

``python -m tests.support.wiretap LISTEN_PORT TARGET_PORT CAPTURE_FILE`` relays connections to
``127.0.0.1:LISTEN_PORT`` on to ``127.0.0.1:TARGET_PORT`` and appends both directions to the
capture file, unchanged: what a stranger sniffing the open venue Wi-Fi would see.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading


def _pump(source: socket.socket, sink: socket.socket, capture, lock: threading.Lock) -> None:
    try:
        while data := source.recv(65536):
            with lock:
                capture.write(data)
                capture.flush()
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


def main(listen_port: int, target_port: int, path: str) -> None:
    lock = threading.Lock()
    server = socket.create_server(("127.0.0.1", listen_port), reuse_port=False)
    with open(path, "ab") as capture:
        print("wiretap ready", flush=True)
        while True:
            client, _ = server.accept()
            try:
                upstream = socket.create_connection(("127.0.0.1", target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(a, b, capture, lock), daemon=True).start()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
