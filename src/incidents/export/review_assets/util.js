/* The review page's shared namespace and DOM helpers. Every value from the data goes into
   the page through el()/text nodes: article text may hold hostile HTML, and no script here
   ever parses a string as markup. */
"use strict";
var Review = {};

(function (R) {
  /* el("div", {class: "x", dir: "auto", on: {click: fn}}, [child, "text", ...]) */
  R.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key) || attrs[key] == null) continue;
      if (key === "on") {
        for (var type in attrs.on) node.addEventListener(type, attrs.on[type]);
      } else if (key === "class") {
        node.className = attrs[key];
      } else if (key === "value" || key === "checked" || key === "disabled" || key === "selected") {
        node[key] = attrs[key];
      } else {
        node.setAttribute(key, String(attrs[key]));
      }
    }
    (children || []).forEach(function (child) {
      if (child == null || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    });
    return node;
  };

  R.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  };

  R.clone = function (value) {
    return JSON.parse(JSON.stringify(value));
  };

  /* Offsets in the data are code points (Python's str indexes); JavaScript strings index
     UTF-16 units, where an emoji counts twice. Both maps are built once per article. */
  R.offsets = function (text) {
    var cpToU16 = [0];
    var u16ToCp = [0];
    var u = 0;
    var c = 0;
    for (var ch of text) {
      u += ch.length;
      c += 1;
      if (ch.length === 2) u16ToCp.push(c); /* inside a surrogate pair: round up */
      u16ToCp.push(c);
      cpToU16.push(u);
    }
    return {
      length: c,
      toU16: function (cp) { return cpToU16[Math.max(0, Math.min(cp, c))]; },
      toCp: function (i) { return u16ToCp[Math.max(0, Math.min(i, u))]; },
    };
  };

  R.label = function (pairs, value) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === value) return pairs[i][1];
    return value || "?";
  };

  R.words = function (value) {
    return value ? String(value).replace(/_/g, " ") : "";
  };
})(Review);
