// /clusters/: filter the table of national clusters by any part of a name or city (Chinese or
// English), by province, list and field; /compare/: show only the provinces a reader picks.
// Without this script both pages show everything. The choice is kept in the address (?province=…,
// ?p=jiangsu,zhejiang), so a filtered view can be shared and reopened, online and from file://.
(function () {
  function rowsOf(form) {
    var table = form.parentElement.querySelector(".ca-clusters table");
    if (!table) return [];
    return Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return { tr: tr, a: tr.querySelector("a[data-ca-lists]") };
    }).filter(function (r) { return r.a; });
  }

  function words(value) { return (" " + value + " ").toLowerCase(); }

  function filterClusters(form) {
    var rows = rowsOf(form);
    if (!rows.length) return;
    var params = new URLSearchParams(location.search);
    ["q", "province", "list", "field"].forEach(function (name) {
      if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
    });
    var count = form.querySelector(".ca-filter__count");
    var template = count.getAttribute("data-ca-template") || "{n} / {total}";
    function apply() {
      // Folded as the page folds the names it searches (pages/sections/clusters.py, search_text).
      var q = form.elements.q.value.toLowerCase().replace(/[!-,.\/:-@\[-`{-~]/g, " ").replace(/\s+/g, " ").trim();
      var province = form.elements.province.value, list = form.elements.list.value, field = form.elements.field.value;
      var shown = 0;
      rows.forEach(function (r) {
        var a = r.a;
        var ok = (!q || (a.getAttribute("data-ca-text") || "").indexOf(q) !== -1)
          && (!province || words(a.getAttribute("data-ca-provinces")).indexOf(" " + province + " ") !== -1)
          && (!list || words(a.getAttribute("data-ca-lists")).indexOf(" " + list + " ") !== -1)
          && (!field || a.getAttribute("data-ca-field") === field);
        r.tr.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = template.replace("{n}", shown).replace("{total}", rows.length);
      var next = new URLSearchParams();
      ["q", "province", "list", "field"].forEach(function (name) {
        var v = form.elements[name].value.trim();
        if (v) next.set(name, v);
      });
      var query = next.toString();
      if (history.replaceState) history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function compare(form) {
    var items = document.querySelectorAll(".ca-compare__item[data-ca-province]");
    var boxes = form.querySelectorAll("input[name=p]");
    var chosen = (new URLSearchParams(location.search).get("p") || "").split(",").filter(Boolean);
    boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
    function apply() {
      var picked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; });
      items.forEach(function (item) {
        item.hidden = picked.length > 0 && picked.indexOf(item.getAttribute("data-ca-province")) === -1;
      });
      document.querySelector(".ca-compare").classList.toggle("ca-compare--picked", picked.length > 0);
      if (history.replaceState) {
        history.replaceState(null, "", location.pathname + (picked.length ? "?p=" + picked.join(",") : "") + location.hash);
      }
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function start() {
    document.querySelectorAll("form.ca-filter").forEach(filterClusters);
    document.querySelectorAll("form.ca-compare-form").forEach(compare);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
