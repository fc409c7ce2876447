/* The header's "Tools" menu (partials/tools-nav.html) on every page. It is a <details> that works
 * without JavaScript; this closes it when a tool is opened (Material swaps pages without reloading,
 * and the header stays), on Escape and on a tap outside it, and marks the current tool. */
(() => {
  "use strict";
  if (window.guideHeader) return;
  window.guideHeader = true;
  const menus = () => document.querySelectorAll("details[data-guide-tools][open]");
  const close = (except) => menus().forEach((menu) => { if (menu !== except) menu.open = false; });

  document.addEventListener("click", (event) => {
    const menu = event.target.closest("details[data-guide-tools]");
    if (!menu) close(null);
    else if (event.target.closest("a")) menu.open = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const menu = event.target.closest && event.target.closest("details[data-guide-tools][open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  function markCurrent() {
    const here = location.pathname;
    for (const link of document.querySelectorAll(".guide-tools__link")) {
      if (new URL(link.href, location.href).pathname === here) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
  if (window.document$) window.document$.subscribe(markCurrent);
  else markCurrent();
})();
