// On a touch screen a tap on a footnote marker first shows the note in Material's tooltip
// (content.footnote.tooltips shows it on hover and on focus, and a phone has no hover), so
// that a reader sees the source's words without losing their place; a second tap on the same
// marker follows the link to the notes, as on a desktop.
document.addEventListener("click", (event) => {
  const marker = event.target.closest && event.target.closest("a.footnote-ref");
  if (!marker || !window.matchMedia("(hover: none)").matches) return;
  if (marker.dataset.caNoteShown) return;
  event.preventDefault();
  marker.dataset.caNoteShown = "1";
  marker.focus();
  marker.addEventListener("blur", () => { delete marker.dataset.caNoteShown; }, { once: true });
}, true);
