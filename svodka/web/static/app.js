// svodka: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box (unless typing somewhere already).
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) {
      var box = document.querySelector(".top-search input");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    }
  });
  // Article page: hovering a mention outlines every mention of the same entity.
  function mark(href, on) {
    var links = document.querySelectorAll('.article-body a.ent[href="' + href + '"], .article-title a.ent[href="' + href + '"]');
    for (var i = 0; i < links.length; i++) { links[i].classList.toggle("same", on); }
  }
  document.addEventListener("mouseover", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.ent");
    if (a) { mark(a.getAttribute("href"), true); }
  });
  document.addEventListener("mouseout", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.ent");
    if (a) { mark(a.getAttribute("href"), false); }
  });
  // Search filters: submit without the empty fields, so shared links stay short.
  var forms = document.querySelectorAll("form.filter-form, form.filter-grid");
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener("submit", function (ev) {
      var fields = ev.target.querySelectorAll("input, select");
      for (var j = 0; j < fields.length; j++) { if (!fields[j].value) { fields[j].disabled = true; } }
      setTimeout(function () { for (var k = 0; k < fields.length; k++) { fields[k].disabled = false; } }, 0);
    });
  }
})();
