"""`<!-- device-controls -->`: the saved-data controls (clear everything, don't save).

Partial: device-controls.html; the behaviour is part of assets/tools/guide.js (every page has it).
"""
from __future__ import annotations

from .base import Component
from .render import render


class Device(Component):
    name = "device"
    markers = {"device-controls": "the saved-data controls"}

    def render(self, build, kind, ident, page):
        return render(build, "partials/device-controls.html")


component = Device()
