/* The edit form of a card. It edits a draft copy; Save checks it with the schema's rules
   (so the downloaded corrections import as gold) and only then replaces the incident. */
(function (R) {
  var TEXT_FIELDS = [
    ["summary", "Summary (one English sentence)"],
    ["location.name", "Place (English/Latin form)"],
    ["location.name_original", "Place as written"],
    ["location.admin1", "Admin1"],
    ["location.country", "Country (ISO alpha-2)"],
    ["date.text", "Date phrase as written"],
    ["reported_by", "Reported by"],
  ];

  function get(obj, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? null : o[k]; }, obj);
  }
  function set(obj, path, value) {
    var keys = path.split(".");
    var last = keys.pop();
    keys.forEach(function (k) { if (obj[k] == null) obj[k] = {}; obj = obj[k]; });
    obj[last] = value;
  }

  R.openEditor = function (key) {
    var found = R.findIncident(key);
    if (!found) return;
    /* One editor at a time: an open one elsewhere is closed (its draft is dropped). */
    var previous = R.editing ? R.findIncident(R.editing) : null;
    R.editing = key;
    R.draft = R.clone(found.entry.data);
    R.draft.date = R.draft.date || { precision: "unknown" };
    R.draft.location = R.draft.location || {};
    R.draft.actors = R.draft.actors || [];
    R.draft.evidence = R.draft.evidence || [];
    R.editorErrors = [];
    R.selected = key;
    if (previous && previous.a !== found.a) R.renderArticle(previous.a);
    R.renderArticle(found.a);
  };

  function bind(input, path, kind) {
    var update = function () {
      var v = input.value;
      if (kind === "int") v = v === "" ? null : Number(v);
      set(R.draft, path, v === "" ? null : v);
    };
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    return input;
  }

  function field(label, control) {
    return [R.el("label", {}, [label]), control];
  }

  function select(name, options, value, onChange) {
    var node = R.el("select", { name: name }, [R.el("option", { value: "" }, ["—"])].concat(
      options.map(function (o) {
        var pair = Array.isArray(o) ? o : [o, R.words(o)];
        return R.el("option", { value: pair[0], selected: pair[0] === value }, [pair[1]]);
      })));
    if (onChange) node.addEventListener("change", function () { onChange(node.value || null); });
    return node;
  }

  R.renderEditor = function (a, entry) {
    var d = R.draft;
    var vocab = R.data.vocab;
    var rerender = function () { R.renderArticle(a); };
    var parts = [];
    parts.push.apply(parts, field("Event type", select("event_type", vocab.event_types,
      d.event_type, function (v) { d.event_type = v; d.sub_event_type = null; rerender(); })));
    parts.push.apply(parts, field("Sub-event type", select("sub_event_type",
      vocab.sub_event_types[d.event_type] || [], d.sub_event_type,
      function (v) { d.sub_event_type = v; })));
    TEXT_FIELDS.forEach(function (f) {
      var control = f[0] === "summary"
        ? R.el("textarea", { name: f[0], rows: 2, value: get(d, f[0]) || "" })
        : R.el("input", { name: f[0], dir: "auto", value: get(d, f[0]) || "" });
      parts.push.apply(parts, field(f[1], bind(control, f[0])));
    });
    ["start", "end"].forEach(function (k) {
      parts.push.apply(parts, field("Date " + k, bind(R.el("input",
        { type: "date", name: "date." + k, value: d.date[k] || "" }), "date." + k)));
    });
    parts.push.apply(parts, field("Date precision", select("date.precision", vocab.precisions,
      d.date.precision, function (v) { d.date.precision = v || "unknown"; })));
    ["fatalities", "injured", "detained"].forEach(function (k) {
      parts.push.apply(parts, field(k[0].toUpperCase() + k.slice(1), bind(R.el("input",
        { type: "number", min: 0, step: 1, name: k, value: d[k] == null ? "" : d[k] }), k, "int")));
    });
    var actors = d.actors.map(function (actor, i) {
      return R.el("div", { class: "actor-row" }, [
        bind(R.el("input", { name: "actor.name", placeholder: "name", value: actor.name || "" }),
          "actors." + i + ".name"),
        select("actor.role", vocab.roles, actor.role, function (v) { actor.role = v; }),
        select("actor.kind", vocab.kinds, actor.kind, function (v) { actor.kind = v; }),
        R.el("button", { type: "button", on: { click: function () {
          d.actors.splice(i, 1); rerender(); } } }, ["✕"]),
      ]);
    });
    actors.push(R.el("button", { type: "button", class: "add-actor", on: { click: function () {
      d.actors.push({ name: "", role: "perpetrator", kind: null });
      rerender();
    } } }, ["Add actor"]));
    parts.push.apply(parts, field("Actors", R.el("div", {}, actors)));
    var quotes = d.evidence.map(function (ev, i) {
      return R.el("div", { class: "actor-row" }, [R.el("bdi", {}, [ev.text]),
        R.el("button", { type: "button", on: { click: function () {
          d.evidence.splice(i, 1); rerender(); } } }, ["✕"])]);
    });
    if (R.data.articles[a].text != null) {
      quotes.push(R.el("button", { type: "button", class: "add-evidence", on: {
        mousedown: function (event) { event.preventDefault(); }, click: function () {
        var node = document.querySelector('.article[data-index="' + a + '"] .article-text');
        var span = R.selectionIn(a, node);
        if (!span) { R.editorErrors = [R.selectionProblem]; } else { d.evidence.push(span); }
        rerender();
      } } }, ["Add selected text as evidence"]));
    }
    parts.push.apply(parts, field("Evidence", R.el("div", {}, quotes)));
    parts.push(R.el("div", { class: "wide error editor-errors" }, R.editorErrors.map(function (m) {
      return R.el("div", {}, [m]); })));
    parts.push(R.el("div", { class: "wide actions" }, [
      R.el("button", { type: "button", class: "save", on: { click: function () {
        R.saveEditor(a, entry); } } }, ["Save"]),
      R.el("button", { type: "button", class: "cancel", on: { click: function () {
        R.editing = null; rerender(); } } }, ["Cancel"]),
    ]));
    return R.el("div", { class: "editor" }, parts);
  };

  function problems(d, before) {
    var out = [];
    var subs = (R.data.vocab.sub_event_types[d.event_type] || [])
      .map(function (p) { return p[0]; });
    if (!d.summary || !String(d.summary).trim()) out.push("Summary is required.");
    if (d.summary && d.summary.length > 400) out.push("Summary: at most 400 characters.");
    if (!d.event_type) out.push("Choose an event type.");
    if (subs.indexOf(d.sub_event_type) < 0) out.push("Choose a sub-event type of that event type.");
    if (d.location.country && !/^[A-Z]{2}$/.test(d.location.country)) {
      out.push("Country must be a two-letter ISO code such as SY.");
    }
    if (d.date.start && d.date.end && d.date.end < d.date.start) {
      out.push("Date end is before start.");
    }
    ["fatalities", "injured", "detained"].forEach(function (k) {
      if (d[k] != null && !(Number.isInteger(d[k]) && d[k] >= 0)) {
        out.push(k + ": a whole number ≥ 0, or empty.");
      }
    });
    d.actors.forEach(function (actor, i) {
      if (!actor.name || !actor.name.trim()) out.push("Actor " + (i + 1) + " needs a name.");
      if (!actor.role) out.push("Actor " + (i + 1) + " needs a role.");
    });
    if (d.actors.length > 6 || d.evidence.length > 6) {
      out.push("At most 6 actors and 6 evidence spans.");
    }
    return out;
  }

  R.saveEditor = function (a, entry) {
    if (R.editing !== entry.key) return;
    var d = R.draft;
    if (d.location.country) d.location.country = d.location.country.trim().toUpperCase();
    if (d.summary) d.summary = d.summary.trim();
    d.actors.forEach(function (actor) { if (actor.name) actor.name = actor.name.trim(); });
    R.editorErrors = problems(d, entry.data);
    if (R.editorErrors.length) { R.renderArticle(a); return; }
    var old = entry.data.location || {};
    if (old.name !== d.location.name || old.country !== d.location.country ||
        old.admin1 !== d.location.admin1) {
      /* Coordinates belonged to the old place: never keep them for a new one. */
      d.location.latitude = null;
      d.location.longitude = null;
    }
    /* Saving what was there is no edit: the incident keeps its status (unchecked, right...). */
    var same = JSON.stringify(d) === JSON.stringify(entry.data);
    entry.data = d;
    if (!same) entry.status = entry.origin === "analyst" ? "added" : "edited";
    R.editing = null;
    R.draft = null;
    R.changed(a, entry.key);
  };
})(Review);
