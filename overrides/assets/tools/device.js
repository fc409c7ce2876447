/* The saved-data controls (partials/device-controls.html): clear everything this site saved on this
 * device, and don't save at all. The saved state itself is guide.js's (every page). */
(() => {
  "use strict";
  if (window.guideDevice) return;
  window.guideDevice = true;
  const guide = window.guide;
  const W = guide.words("device");

  function bindDeviceControls(root) {
    for (const box of root.querySelectorAll("[data-guide-device]:not([data-bound])")) {
      box.dataset.bound = "";
      const toggle = box.querySelector("[data-guide-nosave]");
      toggle.checked = !guide.saving();
      box.querySelector("[data-guide-clear]").addEventListener("click", () => {
        if (!window.confirm(W.confirm_clear)) return;
        guide.clear();
        guide.announce(W.cleared);
      });
      toggle.addEventListener("change", () => {
        guide.setSaving(!toggle.checked);
        guide.announce(toggle.checked ? W.nosave_on : W.nosave_off);
      });
    }
  }

  guide.onPage(bindDeviceControls);
  guide.onChange(() => {
    for (const toggle of document.querySelectorAll("[data-guide-device] [data-guide-nosave]")) toggle.checked = !guide.saving();
  });
})();
