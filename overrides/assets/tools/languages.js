/* The language switch in the header (partials/alternate.html, shown when extra.languages has more
 * than one language) goes to the SAME page in the other language. Its links are written at build
 * time for the page they are on, which is all a visit without JavaScript needs. Material's instant
 * navigation swaps a page's content but keeps the header, so after every page swap this works the
 * links out again from the page's address: the first language's site is at __md_scope (every
 * language shares it: components/languages.py), each other one at <that>/<code>/. */
(() => {
  "use strict";
  if (window.guideLanguages || !window.document$) return;
  window.guideLanguages = true;

  function follow() {
    const links = [...document.querySelectorAll(".md-select__link[data-guide-prefix]")];
    const own = links.find((a) => a.getAttribute("aria-current") === "true");
    if (!own || !window.__md_scope) return;
    const root = window.__md_scope.pathname;
    const site = root + own.dataset.guidePrefix;
    if (!location.pathname.startsWith(site)) return;
    const page = location.pathname.slice(site.length);
    for (const a of links) a.href = root + a.dataset.guidePrefix + page;
  }

  window.document$.subscribe(follow);
})();
