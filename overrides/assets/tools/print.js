/* Printable sheets: reveal the Print button (it needs JavaScript) and make it print. */
(() => {
  const button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  document.querySelector("[data-print-hint]").hidden = true;
  button.addEventListener("click", () => window.print());
})();
