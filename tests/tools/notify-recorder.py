#!/usr/bin/python3
"""notify-recorder.py FILE [--delay SECONDS] [--name NAME]

A tiny org.freedesktop.Notifications server for tests, on the session bus.
Every Notify call is appended to FILE as one JSON line, as soon as it
arrives (before the reply):

  {"id": 1, "app_name": "wardesk", "replaces_id": 0, "app_icon": "",
   "summary": "...", "body": "...", "actions": [], "urgency": 2,
   "category": null, "expire": -1, "hints": {...}}

urgency is the "urgency" hint (0 low, 1 normal, 2 critical) or null.
--delay SECONDS delays every reply (a slow server: the caller must not block).
Implements GetCapabilities, GetServerInformation, CloseNotification (emits
NotificationClosed) and Notify.  Needs Debian's python3-dbus and python3-gi;
run with /usr/bin/python3.  Exits on SIGTERM/SIGINT.
"""
import json
import os
import signal
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def plain(v):
    """dbus types -> JSON-able Python values."""
    if isinstance(v, (dbus.Boolean,)):
        return bool(v)
    if isinstance(v, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64,
                      dbus.UInt16, dbus.UInt32, dbus.UInt64)):
        return int(v)
    if isinstance(v, dbus.Double):
        return float(v)
    if isinstance(v, (dbus.String, dbus.ObjectPath, dbus.Signature)):
        return str(v)
    if isinstance(v, (dbus.Array, list, tuple, dbus.Struct)):
        return [plain(x) for x in v]
    if isinstance(v, (dbus.Dictionary, dict)):
        return {str(k): plain(x) for k, x in v.items()}
    return repr(v)


class Recorder(dbus.service.Object):
    def __init__(self, bus, path, out, delay):
        super().__init__(bus, path)
        self.out = out
        self.delay = delay
        self.next_id = 1

    def write(self, rec):
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        fd = os.open(self.out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)

    @dbus.service.method(IFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body", "body-markup", "actions", "persistence"]

    @dbus.service.method(IFACE, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("wardesk-notify-recorder", "wardesk", "1.0", "1.2")

    @dbus.service.method(IFACE, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, 3)

    @dbus.service.signal(IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u",
                         async_callbacks=("reply", "error"))
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions,
               hints, expire_timeout, reply, error):
        nid = int(replaces_id) if int(replaces_id) else self.next_id
        if not int(replaces_id):
            self.next_id += 1
        h = plain(hints)
        self.write({
            "id": nid,
            "app_name": str(app_name),
            "replaces_id": int(replaces_id),
            "app_icon": str(app_icon),
            "summary": str(summary),
            "body": str(body),
            "actions": plain(actions),
            "urgency": h.get("urgency"),
            "category": h.get("category"),
            "expire": int(expire_timeout),
            "hints": h,
        })
        if self.delay > 0:
            GLib.timeout_add(int(self.delay * 1000), lambda: (reply(dbus.UInt32(nid)), False)[1])
        else:
            reply(dbus.UInt32(nid))


def main(argv):
    out, delay, name = None, 0.0, IFACE
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--delay":
            delay = float(args.pop(0))
        elif a == "--name":
            name = args.pop(0)
        elif a.startswith("-"):
            sys.exit("usage: notify-recorder.py FILE [--delay SECONDS] [--name NAME]")
        else:
            out = a
    if not out:
        sys.exit("usage: notify-recorder.py FILE [--delay SECONDS] [--name NAME]")
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    rec = Recorder(bus, PATH, out, delay)
    busname = dbus.service.BusName(name, bus, do_not_queue=True)
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, loop.quit)
    loop.run()
    del busname, rec


if __name__ == "__main__":
    main(sys.argv)
