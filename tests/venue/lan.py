"""Venue LAN harness: a hub and kiosks on a private LAN built from Linux network namespaces.

Why network namespaces
----------------------
At the venue the hub (organiser laptop) and the kiosks (tablets) are separate machines on one
LAN: they find each other with mDNS (zeroconf, multicast to 224.0.0.251) and sync over HTTP.
Running several of them on ``127.0.0.1`` tests none of that: loopback carries multicast
differently, every process shares one port space, and a dropped link cannot be simulated
without killing a process. A network namespace is a complete, private network stack (own
interfaces, addresses, routes, ports, multicast memberships) and costs a few milliseconds to
make, so each simulated machine gets one, and they are joined by a software switch. A test can
then pull a kiosk's cable (``cut``), make its link slow or lossy (``netem``), and watch real
mDNS and HTTP traffic cross the LAN, with no VM or container runtime and nothing installed.

Layout
------
::

    namespace <prefix>-switch                namespace <prefix>-hub
      br0 (bridge) --- p1 ====== veth ====== eth0 10.233.N.1/24, lo
                   --- p2 ====== veth ====== eth0 10.233.N.2/24, lo   (namespace <prefix>-kiosk1)
                   --- ...

* The bridge lives in a dedicated "switch" namespace, never in the root namespace. Each host
  namespace holds ``lo`` and ``eth0`` (the host end of a veth pair, address ``10.233.N.i/24``,
  multicast on, a ``224.0.0.0/4`` route so multicast goes out of ``eth0``); the other end
  (``p<i>``) is a port of the bridge. Both ends are created directly inside their namespaces:
  no interface ever appears in the root namespace.
* Network safety: nothing here touches the machine's real interfaces. The namespaces have no
  link to the root namespace and no default route, so neither unicast nor multicast (mDNS) can
  leave the venue LAN; ``10.233.0.0/16`` exists only inside them. The switch namespace has IPv6
  turned off and no addresses, so the "switch" itself never speaks.
* Names: ``<prefix>`` is ``fbv-<owner pid in hex>-<random>`` unless given, so parallel runs
  never collide and :meth:`VenueLAN.cleanup_stale` can tell a crashed run's leftovers (owner
  dead) from a live parallel run. Interface names are short and local to each namespace
  (``eth0``, ``br0``, ``p<i>``, ``wa<i>``/``wb<i>``), far below the 15-character limit.

Impairments
-----------
:meth:`Host.netem` (delay, jitter, loss) acts on what the host *sends* (``both_ways=True``:
also on what it receives). It uses the kernel's ``tc ... netem`` qdisc when the kernel has it.
Some kernels (e.g. the CI/dev VMs of this project, ``CONFIG_NET_SCH_NETEM`` unset) do not;
then a small user-space "wire" is spliced into the host's cable in the switch namespace: the
host's port leaves the bridge and a Python process forwards its frames (AF_PACKET sockets, with
virtio-net headers so offloaded TCP segments pass intact) to a second veth pair whose other end
is on the bridge, dropping and delaying them as asked. Force one with
``VenueLAN(netem_backend="tc"|"wire")`` or ``FBV_NETEM_BACKEND``.

Cleanup
-------
Every process started through :meth:`Host.popen`/:meth:`Host.run` gets its own process group.
On exit of the ``with`` block, at interpreter exit (``atexit``) and on SIGTERM (when no other
handler is installed), the harness sends SIGTERM to those groups, then SIGKILL after
``kill_grace`` seconds, then kills whatever is still inside its namespaces and deletes them.
Pipes of tracked processes are closed then too. A run killed with SIGKILL cannot clean up:
``VenueLAN.cleanup_stale()`` (or ``python -m tests.venue.lan --cleanup-stale``) removes
namespaces whose owner process is gone.

Command line
------------
``python -m tests.venue.lan --kiosks 3`` (as root) builds a hub and three kiosks, prints their
addresses and how to enter them (``ip netns exec NAME bash``), and tears everything down on
Ctrl-C.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fnmatch
import functools
import heapq
import json
import os
import random
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

MARKER = "fbv"
"""Every namespace this harness names by default starts with this marker."""

NET_PREFIX = "10.233"
IFACE = "eth0"
BRIDGE = "br0"
SWITCH_NAME = "switch"
MDNS_GROUP = "224.0.0.251"
_SBIN_PATH = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin"
_HOST_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
_OWNED_RE = re.compile(rf"^{MARKER}-([0-9a-f]+)-[0-9a-z]+-")
_NETEM_BACKENDS = ("auto", "tc", "wire")


class LanError(RuntimeError):
    """A command that builds or changes the venue LAN failed."""


# --------------------------------------------------------------------------- low-level commands


def _tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path=_SBIN_PATH)
    if path is None:
        raise LanError(f"`{name}` (iproute2) is not installed")
    return path


def _cmd(
    argv: Sequence[str], *, check: bool = True, input: str | None = None, timeout: float = 15.0
) -> subprocess.CompletedProcess[str]:
    try:
        cp = subprocess.run(
            list(argv),
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise LanError(f"{' '.join(argv)} timed out after {timeout} s") from exc
    if check and cp.returncode != 0:
        detail = (cp.stderr or cp.stdout).strip()
        raise LanError(f"{' '.join(argv)} failed (exit {cp.returncode}): {detail}")
    return cp


def _ip(ns: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return _cmd([_tool("ip"), "-n", ns, *args], check=check)


def _ip_batch(ns: str, lines: Sequence[str]) -> None:
    """Run several ``ip`` commands inside namespace *ns* with one process."""
    _cmd([_tool("ip"), "-n", ns, "-batch", "-"], input="\n".join(lines) + "\n")


def _tc(ns: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return _cmd([_tool("tc"), "-n", ns, *args], check=check)


def list_namespaces() -> list[str]:
    """Names of all named network namespaces (``ip netns list``)."""
    cp = _cmd([_tool("ip"), "netns", "list"], check=False)
    return [line.split()[0] for line in cp.stdout.splitlines() if line.strip()]


def _netns_pids(ns: str) -> list[int]:
    cp = _cmd([_tool("ip"), "netns", "pids", ns], check=False)
    return [int(tok) for tok in cp.stdout.split() if tok.isdigit()]


def _kill_namespace_processes(ns: str, timeout: float = 3.0) -> None:
    """SIGKILL every process whose network namespace is *ns*, until none is left."""
    deadline = time.monotonic() + timeout
    while True:
        pids = _netns_pids(ns)
        if not pids or time.monotonic() > deadline:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.02)


def _delete_namespace(ns: str) -> None:
    _kill_namespace_processes(ns)
    _cmd([_tool("ip"), "netns", "del", ns], check=False)


_CLONE_NEWNET = 0x40000000


def _setns_fd(fd: int) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, _CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"setns: {os.strerror(err)}")


def _setns(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        _setns_fd(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return False
    state = stat.rpartition(")")[2].split()[:1]
    return bool(state) and state[0] not in ("Z", "X")


def _signal_group(proc: subprocess.Popen[Any], sig: int) -> None:
    # Only while we have not reaped the leader: its pid (= the group id) cannot be reused then,
    # so the group is certainly ours.
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)


def _close_pipes(proc: subprocess.Popen[Any]) -> None:
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def _probe_name(what: str) -> str:
    return f"{MARKER}-{os.getpid():x}-{what}-{secrets.token_hex(2)}"


@functools.cache
def netns_available() -> tuple[bool, str]:
    """``(True, "ok")`` if this process can build the venue LAN, else ``(False, reason)``.

    Needs Linux, root, iproute2, and a kernel with network namespaces, veth and bridges; it
    proves it by building (and deleting) a throwaway namespace with a bridge and a veth pair.
    """
    if not sys.platform.startswith("linux"):
        return False, f"network namespaces need Linux (this is {sys.platform})"
    if os.geteuid() != 0:
        return False, f"building network namespaces needs root (euid is {os.geteuid()})"
    try:
        ip = _tool("ip")
    except LanError as exc:
        return False, str(exc)
    probe = _probe_name("probe")
    try:
        _cmd([ip, "netns", "add", probe])
        _ip_batch(
            probe,
            [
                f"link add {BRIDGE} type bridge",
                "link add pa type veth peer name pb",
                f"link set pb master {BRIDGE}",
                "link set pa up",
            ],
        )
    except (LanError, OSError) as exc:
        return False, f"cannot build a network namespace with a bridge and a veth pair: {exc}"
    finally:
        _cmd([ip, "netns", "del", probe], check=False)
    return True, "ok"


@functools.cache
def tc_netem_available() -> tuple[bool, str]:
    """Whether ``tc qdisc ... netem`` works here (needs ``tc`` and CONFIG_NET_SCH_NETEM)."""
    ok, why = netns_available()
    if not ok:
        return False, why
    try:
        _tool("tc")
    except LanError as exc:
        return False, str(exc)
    probe = _probe_name("tcprobe")
    try:
        _cmd([_tool("ip"), "netns", "add", probe])
        _ip_batch(probe, ["link add pa type veth peer name pb", "link set pa up"])
        _tc(probe, "qdisc", "add", "dev", "pa", "root", "netem", "delay", "1ms")
    except LanError as exc:
        return False, f"the kernel's netem qdisc is not usable: {exc}"
    finally:
        _cmd([_tool("ip"), "netns", "del", probe], check=False)
    return True, "ok"


# --------------------------------------------------------------------------- cleanup registry

_LIVE: list[VenueLAN] = []
_LIVE_LOCK = threading.RLock()


def _cleanup_all() -> None:
    with _LIVE_LOCK:
        lans = list(_LIVE)
    for lan in lans:
        with contextlib.suppress(Exception):
            lan.close()


def _on_sigterm(signum: int, frame: Any) -> None:
    _cleanup_all()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _install_sigterm_cleanup() -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    with contextlib.suppress(ValueError, OSError):
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _on_sigterm)


atexit.register(_cleanup_all)


# --------------------------------------------------------------------------- hosts


class Host:
    """One simulated machine (hub or kiosk): a namespace with ``lo`` and ``eth0``."""

    def __init__(self, lan: VenueLAN, name: str, index: int) -> None:
        self.lan = lan
        self.name = name
        self.index = index
        self.ns = f"{lan.prefix}-{name}"
        self.ip = f"{NET_PREFIX}.{lan.subnet}.{index}"
        self.iface = IFACE
        self.port = f"p{index}"  # the switch-side end of the host's cable, in lan.switch
        self._netem_active: str | None = None  # "tc" or "wire" while impaired
        self._wire: subprocess.Popen[str] | None = None

    def __repr__(self) -> str:
        return f"<Host {self.name} {self.ip} ns={self.ns}>"

    def url(self, port: int) -> str:
        return f"http://{self.ip}:{port}"

    @contextlib.contextmanager
    def inside(self):
        """Move the *calling thread* into this host's namespace for the ``with`` block.

        Sockets opened inside stay in the namespace afterwards, so a test can talk HTTP to a
        host from its own process (a worker thread per call; never zeroconf). The thread goes
        back to the namespace it came from on exit.
        """
        self.lan._require_open()
        home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        try:
            _setns(f"/run/netns/{self.ns}")
            try:
                yield self
            finally:
                _setns_fd(home)
        finally:
            os.close(home)

    # -- processes

    def popen(
        self,
        argv: Sequence[Any],
        env: dict[str, str] | None = None,
        stdout: Any = None,
        stderr: Any = None,
        **kwargs: Any,
    ) -> subprocess.Popen[Any]:
        """Start *argv* inside this host (``ip netns exec``) in its own process group.

        Like :class:`subprocess.Popen` (``env`` replaces the environment; stdin defaults to
        ``/dev/null``). The harness kills the whole group when the LAN closes and closes the
        process's pipes then, so read them before.
        """
        return self.lan._popen(self.ns, argv, env=env, stdout=stdout, stderr=stderr, **kwargs)

    def run(
        self,
        argv: Sequence[Any],
        *,
        input: Any = None,
        capture_output: bool = True,
        text: bool = True,
        timeout: float | None = 30.0,
        check: bool = False,
        env: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> subprocess.CompletedProcess[Any]:
        """Run *argv* inside this host to completion, like :func:`subprocess.run`.

        Differences: output is captured as text by default and there is a 30 s timeout; on
        timeout the process's whole group is killed before ``TimeoutExpired`` is raised.
        """
        return self.lan._run(
            self.ns,
            argv,
            input=input,
            capture_output=capture_output,
            text=text,
            timeout=timeout,
            check=check,
            env=env,
            **kwargs,
        )

    def kill(
        self, proc: subprocess.Popen[Any], sig: int = signal.SIGKILL, timeout: float = 5.0
    ) -> int | None:
        """Send *sig* to *proc*'s process group; for SIGKILL wait for it. Returns its exit code."""
        _signal_group(proc, sig)
        if sig == signal.SIGKILL:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=timeout)
        return proc.poll()

    # -- link

    def cut(self) -> None:
        """Pull the cable: the switch-side end goes down, so the host loses carrier.

        The host's own ``eth0`` stays administratively up with its address, like a tablet
        whose Wi-Fi dropped. Other hosts are unaffected.
        """
        _ip(self.lan.switch, "link", "set", self.port, "down")

    def restore(self) -> None:
        """Plug the cable back in (undo :meth:`cut`)."""
        _ip(self.lan.switch, "link", "set", self.port, "up")

    @property
    def is_cut(self) -> bool:
        cp = _ip(self.lan.switch, "-j", "link", "show", self.port)
        return "UP" not in json.loads(cp.stdout)[0].get("flags", [])

    # -- impairments

    def netem(
        self,
        loss_pct: float = 0,
        delay_ms: float = 0,
        jitter_ms: float = 0,
        *,
        both_ways: bool = False,
    ) -> str:
        """Make this host's link lossy and/or slow; returns the backend used ("tc"/"wire").

        Applies to packets the host sends (so a round trip grows by ``delay_ms``); with
        ``both_ways=True`` also to packets it receives. A new call replaces the previous
        settings; all zero is :meth:`clear_netem`.
        """
        if not 0 <= loss_pct <= 100:
            raise ValueError("loss_pct must be between 0 and 100")
        if delay_ms < 0 or jitter_ms < 0:
            raise ValueError("delay_ms and jitter_ms must not be negative")
        if not (loss_pct or delay_ms or jitter_ms):
            self.clear_netem()
            return self._netem_active or "none"
        backend = self.lan._netem_backend_for_use()
        if self._netem_active not in (None, backend):
            self.clear_netem()
        params = {"loss": loss_pct, "delay": delay_ms, "jitter": jitter_ms, "both": both_ways}
        if backend == "tc":
            self._tc_apply(params)
        else:
            self._wire_apply(params)
        self._netem_active = backend
        return backend

    def clear_netem(self) -> None:
        """Remove any impairment from this host's link."""
        if self._netem_active == "tc":
            _tc(self.ns, "qdisc", "del", "dev", IFACE, "root", check=False)
            _tc(self.lan.switch, "qdisc", "del", "dev", self.port, "root", check=False)
        elif self._netem_active == "wire":
            self._wire_remove()
        self._netem_active = None

    def _tc_apply(self, params: dict[str, Any]) -> None:
        args = ["netem"]
        if params["delay"] or params["jitter"]:
            args += ["delay", f"{params['delay']:g}ms"]
            if params["jitter"]:
                args.append(f"{params['jitter']:g}ms")
        if params["loss"]:
            args += ["loss", f"{params['loss']:g}%"]
        _tc(self.ns, "qdisc", "replace", "dev", IFACE, "root", *args)
        if params["both"]:
            _tc(self.lan.switch, "qdisc", "replace", "dev", self.port, "root", *args)
        else:
            _tc(self.lan.switch, "qdisc", "del", "dev", self.port, "root", check=False)

    def _wire_apply(self, params: dict[str, Any]) -> None:
        line = json.dumps(params)
        if self._wire is not None and self._wire.poll() is None:
            assert self._wire.stdin is not None
            self._wire.stdin.write(line + "\n")
            self._wire.stdin.flush()
            return
        sw, wa, wb = self.lan.switch, f"wa{self.index}", f"wb{self.index}"
        _ip_batch(
            sw,
            [
                f"link add {wa} type veth peer name {wb}",
                f"link set {wa} promisc on up",
                f"link set {wb} up",
                f"link set {self.port} promisc on",
            ],
        )
        proc = self.lan._popen(
            sw,
            [sys.executable, "-I", os.path.abspath(__file__), "_wire", self.port, wa, line],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._wire = proc
        ready = read_line(proc, timeout=10.0)
        if ready.strip() != "ready":
            self._wire_remove()
            raise LanError(f"the netem wire for {self.name} did not start: {ready!r}")
        # Splice: the host's port leaves the bridge, the wire's far end joins it.
        _ip_batch(sw, [f"link set {self.port} nomaster", f"link set {wb} master {BRIDGE}"])

    def _wire_remove(self) -> None:
        sw, wa, wb = self.lan.switch, f"wa{self.index}", f"wb{self.index}"
        _ip(sw, "link", "set", wb, "nomaster", check=False)
        _ip(sw, "link", "set", self.port, "master", BRIDGE, check=False)
        _ip(sw, "link", "set", self.port, "promisc", "off", check=False)
        proc, self._wire = self._wire, None
        if proc is not None:
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.close()  # the wire exits on EOF
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=1.0)
            self.kill(proc)
            _close_pipes(proc)
            self.lan._forget(proc)
        _ip(sw, "link", "del", wa, check=False)


def read_line(proc: subprocess.Popen[Any], timeout: float) -> str:
    """Next line of *proc*'s stdout (a pipe) without its newline; "" on EOF or timeout.

    Never blocks longer than *timeout*: handy to wait for a server's "ready" line. Reads the
    pipe's file descriptor byte by byte (nothing after the line is consumed), so do not mix
    it with buffered reads of ``proc.stdout``.
    """
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buf = bytearray()
    deadline = time.monotonic() + timeout
    while not buf.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return ""
        byte = os.read(fd, 1)
        if not byte:
            return ""
        buf += byte
    return buf[:-1].decode(errors="replace")


# --------------------------------------------------------------------------- the LAN


class VenueLAN:
    """A venue LAN: a switch namespace with a bridge, and hosts added with :meth:`add_host`.

    Use as a context manager (or ``start()``/``close()``)::

        with VenueLAN() as lan:
            hub, kiosk = lan.add_host("hub"), lan.add_host("kiosk1")
            server = hub.popen([sys.executable, "-m", "hub"])
            kiosk.cut(); ...; kiosk.restore()
    """

    def __init__(
        self,
        prefix: str | None = None,
        *,
        subnet: int | None = None,
        kill_grace: float = 1.0,
        netem_backend: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = f"{MARKER}-{os.getpid():x}-{secrets.token_hex(2)}"
        if not _PREFIX_RE.match(prefix):
            raise ValueError(f"bad prefix {prefix!r}: letters, digits, '.', '_', '-', ≤32")
        if subnet is None:
            subnet = random.SystemRandom().randrange(1, 255)
        if not 0 <= subnet <= 255:
            raise ValueError("subnet must be 0..255 (the N of 10.233.N.0/24)")
        backend = netem_backend or os.environ.get("FBV_NETEM_BACKEND") or "auto"
        if backend not in _NETEM_BACKENDS:
            raise ValueError(f"netem_backend must be one of {_NETEM_BACKENDS}")
        self.prefix = prefix
        self.subnet = subnet
        self.network = f"{NET_PREFIX}.{subnet}.0/24"
        self.switch = f"{prefix}-{SWITCH_NAME}"
        self.kill_grace = kill_grace
        self.netem_backend = backend
        self.hosts: dict[str, Host] = {}
        self._namespaces: list[str] = []
        self._procs: list[subprocess.Popen[Any]] = []
        self._lock = threading.RLock()
        self._started = False
        self._closed = False

    def __repr__(self) -> str:
        return f"<VenueLAN {self.prefix} {self.network} hosts={list(self.hosts)}>"

    # -- lifecycle

    def __enter__(self) -> VenueLAN:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def namespaces(self) -> list[str]:
        """The namespaces this LAN created and has not deleted yet."""
        return list(self._namespaces)

    def start(self) -> VenueLAN:
        if self._closed:
            raise LanError("this VenueLAN is closed; make a new one")
        if self._started:
            return self
        self._started = True
        with _LIVE_LOCK:
            _LIVE.append(self)
        _install_sigterm_cleanup()
        try:
            self._add_namespace(self.switch)
            # A switch has no addresses and says nothing, not even IPv6 router solicitations.
            sysctl = shutil.which("sysctl") or shutil.which("sysctl", path=_SBIN_PATH)
            if sysctl:
                no_ipv6 = (
                    "net.ipv6.conf.all.disable_ipv6=1",
                    "net.ipv6.conf.default.disable_ipv6=1",
                )
                exec_in_switch = [_tool("ip"), "netns", "exec", self.switch]
                _cmd([*exec_in_switch, sysctl, "-q", "-w", *no_ipv6], check=False)
            _ip_batch(
                self.switch,
                [
                    "link set lo up",
                    f"link add {BRIDGE} type bridge stp_state 0 forward_delay 0 mcast_snooping 0",
                    f"link set {BRIDGE} up",
                ],
            )
        except BaseException:
            self.close()
            raise
        return self

    def add_host(self, name: str) -> Host:
        """Add a machine: namespace ``<prefix>-<name>``, ``eth0`` at ``10.233.N.<i>/24``."""
        self._require_open()
        if not _HOST_NAME_RE.match(name) or name == SWITCH_NAME:
            raise ValueError(f"bad host name {name!r}")
        with self._lock:
            if name in self.hosts:
                raise ValueError(f"host {name!r} already exists")
            index = max((h.index for h in self.hosts.values()), default=0) + 1
            if index > 254:
                raise LanError("a /24 venue LAN holds at most 254 hosts")
            host = Host(self, name, index)
            self.hosts[name] = host
        try:
            self._add_namespace(host.ns)
            _ip(
                self.switch,
                *("link", "add", host.port, "type", "veth"),
                *("peer", "name", IFACE, "netns", host.ns),
            )
            _ip_batch(
                self.switch, [f"link set {host.port} master {BRIDGE}", f"link set {host.port} up"]
            )
            _ip_batch(
                host.ns,
                [
                    "link set lo up",
                    f"addr add {host.ip}/24 dev {IFACE}",
                    f"link set {IFACE} multicast on up",
                    f"route add 224.0.0.0/4 dev {IFACE}",
                ],
            )
        except BaseException:
            with self._lock:
                self.hosts.pop(name, None)
            if host.ns in self._namespaces:
                _delete_namespace(host.ns)
                self._namespaces.remove(host.ns)
            raise
        return host

    def close(self) -> None:
        """Kill every process started here (by process group), then delete the namespaces."""
        if self._closed:
            return
        try:
            with self._lock:
                procs = list(self._procs)
            for proc in procs:
                _signal_group(proc, signal.SIGTERM)
            deadline = time.monotonic() + self.kill_grace
            for proc in procs:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            for proc in procs:
                _signal_group(proc, signal.SIGKILL)
            for proc in procs:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=5.0)
            for ns in list(self._namespaces):
                _kill_namespace_processes(ns)  # anything else that ended up inside
            for proc in procs:
                _close_pipes(proc)
            for ns in sorted(self._namespaces, key=lambda n: n == self.switch):
                _cmd([_tool("ip"), "netns", "del", ns], check=False)
                self._namespaces.remove(ns)
        finally:
            self._closed = True
            with self._lock:
                self._procs.clear()
            with _LIVE_LOCK:
                if self in _LIVE:
                    _LIVE.remove(self)

    @classmethod
    def cleanup_stale(
        cls, prefix_pattern: str = MARKER, *, include_live: bool = False
    ) -> list[str]:
        """Delete leftover namespaces of crashed runs; returns the names deleted.

        Considers namespaces whose name starts with *prefix_pattern* (or matches it, if it has
        glob characters). Skips this process's open LANs and, unless *include_live*, namespaces
        named ``fbv-<pid>-...`` whose owner process is still alive (a parallel run).
        """
        with _LIVE_LOCK:
            mine = {ns for lan in _LIVE for ns in lan._namespaces}
        globbing = any(ch in prefix_pattern for ch in "*?[")
        removed = []
        for ns in list_namespaces():
            matches = (
                fnmatch.fnmatchcase(ns, prefix_pattern)
                if globbing
                else ns.startswith(prefix_pattern)
            )
            if not matches or ns in mine:
                continue
            owner = _OWNED_RE.match(ns)
            if not include_live and owner:
                pid = int(owner.group(1), 16)
                if pid != os.getpid() and _pid_alive(pid):
                    continue
            _delete_namespace(ns)
            removed.append(ns)
        return removed

    # -- internals

    def _require_open(self) -> None:
        if not self._started or self._closed:
            raise LanError("the VenueLAN is not open (use it as a context manager)")

    def _add_namespace(self, ns: str) -> None:
        _cmd([_tool("ip"), "netns", "add", ns])
        self._namespaces.append(ns)

    def _netem_backend_for_use(self) -> str:
        if self.netem_backend != "auto":
            return self.netem_backend
        return "tc" if tc_netem_available()[0] else "wire"

    def _popen(
        self,
        ns: str,
        argv: Sequence[Any],
        *,
        env: dict[str, str] | None = None,
        stdout: Any = None,
        stderr: Any = None,
        stdin: Any = subprocess.DEVNULL,
        **kwargs: Any,
    ) -> subprocess.Popen[Any]:
        self._require_open()
        if isinstance(argv, str | bytes):
            raise TypeError("argv must be a list of arguments, not a string")
        for key in ("shell", "start_new_session", "process_group", "preexec_fn"):
            if key in kwargs:
                raise TypeError(f"{key}= is managed by the harness")
        args = [os.fsdecode(a) if isinstance(a, bytes | os.PathLike) else str(a) for a in argv]
        cmd = [_tool("ip"), "netns", "exec", ns, *args]
        with self._lock:
            proc = subprocess.Popen(
                cmd,
                env=env,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
                **kwargs,
            )
            self._procs.append(proc)
        return proc

    def _forget(self, proc: subprocess.Popen[Any]) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._procs.remove(proc)

    def _run(
        self,
        ns: str,
        argv: Sequence[Any],
        *,
        input: Any,
        capture_output: bool,
        text: bool,
        timeout: float | None,
        check: bool,
        env: dict[str, str] | None,
        **kwargs: Any,
    ) -> subprocess.CompletedProcess[Any]:
        if capture_output:
            if "stdout" in kwargs or "stderr" in kwargs:
                raise ValueError("stdout/stderr may not be used with capture_output")
            kwargs["stdout"] = kwargs["stderr"] = subprocess.PIPE
        if input is not None:
            kwargs["stdin"] = subprocess.PIPE
        proc = self._popen(ns, argv, env=env, text=text, **kwargs)
        try:
            out, err = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            out, err = proc.communicate(timeout=5.0)
            raise subprocess.TimeoutExpired(list(argv), timeout or 0, out, err) from None
        except BaseException:
            _signal_group(proc, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.communicate(timeout=5.0)
            raise
        finally:
            if proc.returncode is not None:
                self._forget(proc)
        cp = subprocess.CompletedProcess(list(argv), proc.returncode, out, err)
        if check:
            cp.check_returncode()
        return cp


# --------------------------------------------------------------------------- user-space netem


def _wire_main(port: str, wire_if: str, params_json: str) -> int:
    """Forward frames between *port* (host side) and *wire_if* (bridge side), impaired.

    Runs inside the switch namespace. Parameters (JSON: loss %, delay ms, jitter ms, both)
    can be replaced by writing a JSON line on stdin; EOF on stdin ends the wire.
    """
    sol_packet, packet_vnet_hdr, packet_ignore_outgoing, eth_p_all = 263, 15, 23, 3

    def open_socket(ifname: str) -> socket.socket:
        sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)  # no traffic until bound
        sock.setsockopt(sol_packet, packet_vnet_hdr, 1)  # keep GSO/checksum offload metadata
        sock.setsockopt(sol_packet, packet_ignore_outgoing, 1)
        sock.bind((ifname, eth_p_all))
        sock.setblocking(False)
        return sock

    host_side, lan_side = open_socket(port), open_socket(wire_if)
    params = json.loads(params_json)
    rng = random.Random()
    queue: list[tuple[float, int, socket.socket, bytes]] = []
    seq = 0
    stdin_fd = sys.stdin.fileno()
    pending = b""
    print("ready", flush=True)

    def send(sock: socket.socket, frame: bytes) -> None:
        with contextlib.suppress(OSError):  # link down (cut), buffer full: the frame is lost
            sock.send(frame)

    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else None
        readable = select.select([host_side, lan_side, stdin_fd], [], [], timeout)[0]
        for src in readable:
            if src == stdin_fd:
                chunk = os.read(stdin_fd, 4096)
                if not chunk:
                    return 0
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if line.strip():
                        params = json.loads(line)
                continue
            dst = lan_side if src is host_side else host_side
            impaired = src is host_side or params["both"]
            for _ in range(256):
                try:
                    frame = src.recv(262144)
                except OSError:  # BlockingIOError: drained; ENETDOWN: cable cut
                    break
                if impaired:
                    if params["loss"] and rng.random() * 100 < params["loss"]:
                        continue
                    delay = params["delay"]
                    if params["jitter"]:
                        delay += rng.uniform(-params["jitter"], params["jitter"])
                    if delay > 0:
                        seq += 1
                        heapq.heappush(queue, (time.monotonic() + delay / 1000, seq, dst, frame))
                        continue
                send(dst, frame)
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, dst, frame = heapq.heappop(queue)
            send(dst, frame)


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_wire"]:
        return _wire_main(*argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m tests.venue.lan",
        description="Build a venue LAN (hub + kiosks in network namespaces) until Ctrl-C.",
    )
    parser.add_argument("--kiosks", type=int, default=2, help="number of kiosks (default 2)")
    parser.add_argument("--prefix", help="namespace prefix (default fbv-<pid>-<random>)")
    parser.add_argument("--subnet", type=int, help="N of 10.233.N.0/24 (default random)")
    parser.add_argument(
        "--cleanup-stale", action="store_true", help="delete leftovers of crashed runs and exit"
    )
    args = parser.parse_args(argv)
    ok, why = netns_available()
    if not ok:
        print(f"cannot build the venue LAN: {why}", file=sys.stderr)
        return 2
    if args.cleanup_stale:
        removed = VenueLAN.cleanup_stale()
        print("removed: " + (" ".join(removed) if removed else "nothing"))
        return 0
    with VenueLAN(prefix=args.prefix, subnet=args.subnet) as lan:
        lan.add_host("hub")
        for k in range(1, args.kiosks + 1):
            lan.add_host(f"kiosk{k}")
        print(f"Venue LAN {lan.prefix}: {lan.network}, switch namespace {lan.switch}")
        width = max(len(name) for name in lan.hosts)
        for host in lan.hosts.values():
            print(f"  {host.name:<{width}}  {host.ip:<14}  ip netns exec {host.ns} bash")
        print(
            "Inside a host, e.g.: ip netns exec NAME .venv/bin/python -m hub\n"
            f"Cut a cable: ip -n {lan.switch} link set p<i> down (up to restore)\n"
            "Press Ctrl-C to tear it all down.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                signal.pause()
    print("venue LAN removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
