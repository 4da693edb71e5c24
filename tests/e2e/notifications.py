#!/usr/bin/python3
"""A stand-in for the desktop's notification service on the test's own D-Bus session.

It owns org.freedesktop.Notifications, prints every notification it is asked to show as one
JSON line on stdout ({"id", "app", "summary", "body", "actions"}), after a first line
{"ready": true} once it owns the name. A line "invoke ID ACTION" on stdin emits ActionInvoked
for that notification, as a click on it would; end of input stops it.
"""

import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Notifications(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, PATH)
        self.last_id = 0

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("lcs-e2e", "lcs", "1", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        self.last_id += 1
        shown = {
            "id": self.last_id,
            "app": str(app),
            "summary": str(summary),
            "body": str(body),
            "actions": [str(action) for action in actions],
        }
        print(json.dumps(shown, ensure_ascii=False), flush=True)
        return self.last_id

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, notification):
        self.NotificationClosed(notification, 3)

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, notification, action):
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, notification, reason):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    owned = dbus.service.BusName(NAME, bus, do_not_queue=True)
    service = Notifications(bus)
    loop = GLib.MainLoop()

    def on_input(source, condition):
        line = sys.stdin.readline()
        if not line:
            loop.quit()
            return False
        words = line.split()
        if len(words) == 3 and words[0] == "invoke":
            service.ActionInvoked(dbus.UInt32(int(words[1])), words[2])
        return True

    GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_input)
    print(json.dumps({"ready": owned.get_name() == NAME}), flush=True)
    loop.run()


if __name__ == "__main__":
    main()
