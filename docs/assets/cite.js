// Citations carry the build date as their access date; a reader copies them today.
(function () {
  function update() {
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    document.querySelectorAll("div.ca-cite[data-date]").forEach(function (box) {
      var built = box.getAttribute("data-date");
      if (built === iso) return;
      var parts = built.split("-").map(Number);
      var builtApa = months[parts[1] - 1] + " " + parts[2] + ", " + parts[0];
      var todayApa = months[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear();
      box.querySelectorAll("code").forEach(function (code) {
        code.textContent = code.textContent.split("[" + built + "]").join("[" + iso + "]")
          .split("accessed " + built).join("accessed " + iso).split("Retrieved " + builtApa).join("Retrieved " + todayApa);
      });
      box.setAttribute("data-date", iso);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update); else update();
})();

// Printed pages say where and when they come from: the published address (the canonical link,
// so a printout of the offline bundle names the web page too) and the date of printing.
(function () {
  function stamp() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".ca-print-source")) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    var p = document.createElement("p");
    p.className = "ca-print-source";
    p.textContent = (canonical ? canonical.href : location.href) + " · " + new Date().toISOString().slice(0, 10);
    article.insertBefore(p, article.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", stamp); else stamp();
})();
