/* One card per incident: its fields in readable words, its evidence quotes, and the review
   buttons (right, wrong, edit, delete). Clicking a card selects its incident. */
(function (R) {
  function dateText(date) {
    date = date || {};
    var when = date.start || "";
    if (date.end && date.end !== date.start) when += " – " + date.end;
    if (!when) when = "unknown date";
    if (date.precision && date.precision !== "unknown") when += " (" + date.precision + ")";
    return when;
  }

  function countryText(code) {
    if (!code) return null;
    var name = R.data.vocab.countries[code];
    return name && name !== code ? code + " · " + name : code;
  }

  function count(value) {
    return value == null ? "–" : String(value);
  }

  function row(label, value, attrs) {
    if (value == null || value === "") return null;
    var dd = R.el("dd", attrs || {}, [value]);
    return [R.el("dt", {}, [label]), dd];
  }

  function actorsNode(actors) {
    if (!actors || !actors.length) return null;
    return R.el("ul", { class: "actors" }, actors.map(function (actor) {
      var bits = [actor.role, R.words(actor.kind)].filter(Boolean).join(", ");
      return R.el("li", {}, [
        R.el("bdi", {}, [actor.name]),
        actor.name_original ? " (" : null,
        actor.name_original ? R.el("bdi", {}, [actor.name_original]) : null,
        actor.name_original ? ")" : null,
        bits ? " — " + bits : null,
      ]);
    }));
  }

  R.typeText = function (incident) {
    var vocab = R.data.vocab;
    if (!incident.event_type) return "New incident: choose its type";
    var subs = vocab.sub_event_types[incident.event_type] || [];
    return R.label(vocab.event_types, incident.event_type) + " — " +
      R.label(subs, incident.sub_event_type);
  };

  R.renderCard = function (a, entry, n) {
    var d = entry.data;
    var loc = d.location || {};
    var date = d.date || {};
    var fields = [];
    [
      row("Date", dateText(date)),
      row("Date phrase", date.text, { dir: "auto" }),
      row("Place", loc.name ? loc.name + (loc.name_original ? " (" + loc.name_original + ")" : "")
        : loc.name_original, { dir: "auto" }),
      row("Admin1", loc.admin1),
      row("Country", countryText(loc.country)),
      d.actors && d.actors.length
        ? [R.el("dt", {}, ["Actors"]), R.el("dd", {}, [actorsNode(d.actors)])] : null,
      row("Killed / injured / detained",
        count(d.fatalities) + " / " + count(d.injured) + " / " + count(d.detained)),
      row("Reported by", d.reported_by, { dir: "auto" }),
      row("Summary", d.summary),
    ].forEach(function (pair) { if (pair) fields.push(pair[0], pair[1]); });

    var quotes = (d.evidence || []).map(function (ev) {
      return R.el("blockquote", { dir: "auto", class: "quote" }, [ev.text]);
    });
    var card = R.el("div", {
      class: "card" + (R.selected === entry.key ? " selected" : ""),
      "data-key": entry.key,
      "data-status": entry.status,
      on: { click: function (event) {
        if (event.target.closest("button, input, select, textarea, .editor")) return;
        R.select(entry.key, { scrollCard: false, scrollText: true });
      } },
    }, [
      R.el("h3", {}, ["#" + (n + 1) + " ", R.typeText(d), " ",
        R.el("span", { class: "badge status" }, [entry.status])]),
      R.el("dl", {}, fields),
      quotes.length ? R.el("div", { class: "quotes" }, quotes)
        : R.el("p", { class: "muted" }, ["No evidence span."]),
      R.el("div", { class: "actions" }, [
        R.el("button", { type: "button", class: "mark-right", on: { click: function () {
          R.setStatus(entry.key, "right"); } } }, ["✓ Right"]),
        R.el("button", { type: "button", class: "mark-wrong", on: { click: function () {
          R.setStatus(entry.key, "wrong"); } } }, ["✗ Wrong"]),
        R.el("button", { type: "button", class: "edit", on: { click: function () {
          R.openEditor(entry.key); } } }, ["Edit"]),
        R.el("button", { type: "button", class: "delete", on: { click: function () {
          R.deleteIncident(entry.key); } } }, ["Delete"]),
      ]),
      R.editing === entry.key ? R.renderEditor(a, entry) : null,
    ]);
    return card;
  };

  R.setStatus = function (key, status) {
    var found = R.findIncident(key);
    if (!found) return;
    found.entry.status = status;
    if (status === "wrong") R.state.articles[found.a].reviewed = false;
    R.changed(found.a, key);
    if (status === "wrong") R.openEditor(key);
  };

  R.deleteIncident = function (key) {
    var found = R.findIncident(key);
    if (!found) return;
    var mine = R.state.articles[found.a];
    mine.incidents.splice(found.i, 1);
    /* Kept in the corrections file (model incidents only) so a reader sees what was removed. */
    if (found.entry.origin === "model") mine.deleted.push(found.entry);
    if (R.selected === key) R.selected = null;
    R.changed(found.a, null);
  };
})(Review);
