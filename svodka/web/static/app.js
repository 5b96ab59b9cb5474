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
  // Entity pages: the analyst's corrections (merge, split, alias), posted to the JSON API with
  // the write token the user types. The token stays in this tab (sessionStorage), never in a
  // cookie: no other page can make the browser send it. Without this script the forms stay hidden.
  var TOKEN_KEY = "svodka-token";
  var panels = document.querySelectorAll(".correct");
  function stored() { try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; } }
  function keep(value) { try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* private mode: typed each time */ } }
  for (var p = 0; p < panels.length; p++) {
    panels[p].hidden = false;
    var input = panels[p].querySelector(".token-input");
    if (input) {
      input.value = stored();
      input.addEventListener("change", function (ev) { keep(ev.target.value.trim()); });
    }
  }
  function say(status, text, bad) {
    status.textContent = text;
    status.classList.toggle("bad", !!bad);
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("correct-form")) { return; }
    ev.preventDefault();
    var panel = form.closest(".correct");
    var status = panel.querySelector(".correct-status");
    var token = (panel.querySelector(".token-input") || {}).value || "";
    token = token.trim();
    if (!token) { say(status, "Введите токен записи (SVODKA_API_TOKEN).", true); return; }
    keep(token);
    var url = form.getAttribute("data-action");
    if (form.elements.into) { url = url.replace("{into}", encodeURIComponent(form.elements.into.value.trim())); }
    var body = {};
    body[form.getAttribute("data-field")] = form.elements.value.value.trim();
    say(status, "Сохраняю…");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (answer.ok) {
        say(status, "Готово.");
        window.location.assign("/entities/" + answer.data.entity.id);
        return;
      }
      var error = answer.data.error || {};
      var text = error.message || "Не получилось.";
      var found = error.details || [];
      if (found.length && found[0].id !== undefined) {
        text += " Варианты: " + found.map(function (c) { return "№ " + c.id + " " + c.name; }).join("; ");
      }
      say(status, text, true);
    }).catch(function () { say(status, "Сервер не ответил.", true); });
  });
  // Alerts page: a watchlist made (POST /api/watchlists) or removed (DELETE), with the same token.
  function watch(method, url, body, panel) {
    var status = panel.querySelector(".correct-status");
    var token = ((panel.querySelector(".token-input") || {}).value || "").trim();
    if (!token) { say(status, "Введите токен записи (SVODKA_API_TOKEN).", true); return; }
    keep(token);
    say(status, "Сохраняю…");
    var options = { method: method, credentials: "same-origin", headers: { "Authorization": "Bearer " + token } };
    if (body) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    fetch(url, options).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (answer.ok) { window.location.assign("/alerts"); return; }
      say(status, (answer.data.error || {}).message || "Не получилось.", true);
    }).catch(function () { say(status, "Сервер не ответил.", true); });
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("watch-form")) { return; }
    ev.preventDefault();
    var body = { name: form.elements.name.value.trim() };
    ["entity", "speaker", "query"].forEach(function (kind) {
      var value = form.elements[kind].value.trim();
      body[kind] = value ? [value] : [];
    });
    if (form.elements.webhook.value.trim()) { body.webhook = form.elements.webhook.value.trim(); }
    watch("POST", "/api/watchlists", body, form.closest(".correct"));
  });
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button.watch-remove");
    if (!button) { return; }
    watch("DELETE", "/api/watchlists/" + encodeURIComponent(button.getAttribute("data-name")), null, button.closest(".correct"));
  });
})();
