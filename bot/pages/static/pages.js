// Telegram Mini App glue, written here so that no script is fetched from elsewhere: the theme
// parameters and initData Telegram puts in the address's fragment (kept for the session's
// later pages), the theme applied as the page's colours, and the personal panel asked for
// with the signed initData (the server checks its HMAC and answers 403 to anything else).
(function () {
  "use strict";
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var store = window.sessionStorage;
  ["tgWebAppThemeParams", "tgWebAppData"].forEach(function (key) {
    var value = fragment.get(key);
    try {
      if (value) { store.setItem(key, value); }
    } catch (e) { /* storage refused: this page still follows the theme */ }
  });
  function stored(key) {
    try { return fragment.get(key) || store.getItem(key); } catch (e) { return fragment.get(key); }
  }
  var theme = stored("tgWebAppThemeParams");
  if (theme) {
    try {
      var params = JSON.parse(theme);
      var names = { bg_color: "--bg", text_color: "--fg", hint_color: "--hint", link_color: "--link",
        secondary_bg_color: "--panel", section_separator_color: "--line" };
      Object.keys(names).forEach(function (key) {
        if (params[key]) { document.documentElement.style.setProperty(names[key], params[key]); }
      });
    } catch (e) { /* malformed theme: the system's colours stay */ }
  }
  // Opened by Telegram (initData in this address, not only kept from an earlier page): the
  // page takes the language the server reads from the signed initData (the chat's setting,
  // else the user's app); a page the reader reached by a link keeps the language it asked.
  var launched = Boolean(fragment.get("tgWebAppData"));
  var initData = stored("tgWebAppData");
  var panel = document.getElementById("me");
  if (!initData || !(launched || panel)) { return; }
  var shown = document.documentElement.lang.split("-")[0];
  fetch("/web/me", { method: "POST", body: initData, headers: { "Content-Type": "text/plain" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      if (launched && data.language && data.language !== shown) {
        var address = new URL(window.location.href);
        address.searchParams.set("lang", data.language);
        window.location.replace(address.toString());
        return;
      }
      if (panel) { showPanel(panel, data); }
    })
    .catch(function () { /* offline or refused: the public page stands */ });
  function showPanel(where, data) {
    var heading = document.createElement("h2");
    heading.textContent = data.title;
    var list = document.createElement("dl");
    data.rows.forEach(function (row) {
      var term = document.createElement("dt");
      term.textContent = row[0];
      list.appendChild(term);
      row[1].forEach(function (line) {
        var value = document.createElement("dd");
        value.textContent = line;
        list.appendChild(value);
      });
    });
    var note = document.createElement("p");
    note.className = "hint";
    note.textContent = data.note;
    where.replaceChildren(heading, list, note);
    where.hidden = false;
  }
})();
