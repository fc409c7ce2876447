"""`<!-- device-controls -->`: the saved-data controls (clear everything, don't save).

Partial: device-controls.html. Script and style: assets/tools/device.js|css (guide.js keeps the
saved state itself, on every page).
"""
from __future__ import annotations

from .base import Component
from .render import render


class Device(Component):
    name = "device"
    markers = {"device-controls": "the saved-data controls"}
    assets = ("device",)

    def render(self, build, kind, ident, page):
        return render(build, "partials/device-controls.html")


component = Device()
