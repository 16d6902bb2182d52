(function () {
  "use strict";
  var doc = document;
  var all = function (selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); };
  doc.documentElement.classList.add("js");

  // "group=alternative group=alternative" -> {group: alternative}
  function parseSelections(text) {
    var result = {};
    (text || "").split(" ").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) { result[pair.slice(0, at)] = pair.slice(at + 1); }
    });
    return result;
  }
  function holds(condition, selections) {
    return Object.keys(condition).every(function (group) { return selections[group] === condition[group]; });
  }
  function sameSelections(a, b) {
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length && holds(a, b);
  }

  var picker = doc.getElementById("picker");
  var groups = all("fieldset[data-group]");
  var variants = all("#variants [data-variant]").map(function (element) {
    return { slug: element.getAttribute("data-variant"), selections: parseSelections(element.getAttribute("data-selections")) };
  });
  var current = null;

  // The selections the picker shows, group by group: a group counts only where it applies.
  function pickerSelections() {
    var selections = {};
    groups.forEach(function (fieldset) {
      var applies = fieldset.getAttribute("data-applies").split("|").some(function (condition) {
        return holds(parseSelections(condition), selections);
      });
      fieldset.hidden = !applies;
      if (!applies) { return; }
      var radios = all("input[type=radio]", fieldset);
      var checked = radios.filter(function (radio) { return radio.checked; })[0];
      if (!checked && radios.length) { checked = radios[0]; }
      // The attribute follows the state, so that a saved or dumped DOM shows the choice.
      radios.forEach(function (radio) { radio.checked = radio === checked; radio.toggleAttribute("checked", radio === checked); });
      if (checked) { selections[fieldset.getAttribute("data-group")] = checked.value; }
    });
    return selections;
  }

  function setPicker(selections) {
    groups.forEach(function (fieldset) {
      var wanted = selections[fieldset.getAttribute("data-group")];
      all("input[type=radio]", fieldset).forEach(function (radio) {
        radio.checked = radio.value === wanted;
        radio.toggleAttribute("checked", radio.checked);
      });
    });
  }

  // "#variant=SLUG&step=ID" (or a bare "#ID" from a plain link): the heading to bring into view.
  function stepFromHash() {
    var hash = window.location.hash;
    var match = /(?:^#|&)step=([A-Za-z0-9_-]+)/.exec(hash);
    if (match) { return match[1]; }
    if (/^#[A-Za-z0-9_-]+$/.test(hash) && hash.indexOf("=") < 0) {
      var element = doc.getElementById(hash.slice(1));
      if (element && /^H[1-6]$/.test(element.tagName)) { return hash.slice(1); }
    }
    return null;
  }
  function linkHash(variant, step) {
    var parts = [];
    if (variant && variants.length > 1) { parts.push("variant=" + variant.slug); }
    if (step) { parts.push(variants.length > 1 ? "step=" + step : step); }
    if (!parts.length) { return ""; }
    return "#" + (variants.length > 1 ? parts.join("&") : parts[parts.length - 1]);
  }

  function variantFromHash() {
    var match = /(?:^#|&)variant=([A-Za-z0-9_.-]+)/.exec(window.location.hash);
    if (!match) { return null; }
    return variants.filter(function (variant) { return variant.slug === match[1]; })[0] || null;
  }

  function show(variant) {
    current = variant;
    all("[data-when]").forEach(function (element) {
      element.hidden = !holds(parseSelections(element.getAttribute("data-when")), variant.selections);
    });
    all("[data-variant]").forEach(function (element) {
      element.hidden = element.getAttribute("data-variant") !== variant.slug;
    });
    all("[data-numbers]").forEach(function (element) {
      var numbers = JSON.parse(element.getAttribute("data-numbers"));
      var target = element.querySelector(".n");
      if (target && numbers[variant.slug] !== undefined) { target.textContent = String(numbers[variant.slug]); }
    });
    doc.body.setAttribute("data-selected-variant", variant.slug);
    // The step in the link stays while this variant shows it.
    var step = stepFromHash();
    var target = step ? doc.getElementById(step) : null;
    if (target && target.closest("[hidden]")) { step = null; target = null; }
    var hash = linkHash(variant, step);
    if (hash && window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (error) { window.location.hash = hash; }
    }
    all(".checklist").forEach(updateProgress);
  }

  function update() {
    var selections = pickerSelections();
    var variant = variants.filter(function (candidate) { return sameSelections(candidate.selections, selections); })[0];
    if (variant) { show(variant); }
  }

  all("[data-role=deep-link]").forEach(function (link) { link.hidden = false; });
  if (picker) {
    picker.hidden = false;
    picker.addEventListener("change", update);
  }
  function fromHash() {
    var variant = variantFromHash();
    if (variant) { setPicker(variant.selections); }
    update();
  }
  window.addEventListener("hashchange", function () {
    var variant = variantFromHash();
    if (variant && (!current || variant.slug !== current.slug)) { fromHash(); }
    var step = stepFromHash();
    var target = step ? doc.getElementById(step) : null;
    if (target && !target.closest("[hidden]")) { target.scrollIntoView(); }
  });
  fromHash();
  if (!current && variants.length) { show(variants[0]); }
  // A link to a step opens at that step, once the variant's parts are shown or hidden.
  (function () {
    var step = stepFromHash();
    var target = step ? doc.getElementById(step) : null;
    if (target && !target.closest("[hidden]")) { target.scrollIntoView(); }
  }());

  // Heading links: a click copies a link to this heading in the variant shown, for sending to someone.
  all("a[data-role=copy-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var heading = link.closest("h1, h2, h3, h4, h5, h6");
      var hash = linkHash(current, heading.id);
      try { window.history.replaceState(null, "", hash); } catch (error) { window.location.hash = hash; }
      heading.scrollIntoView();
      var url = window.location.href;
      var done = function () {
        link.classList.add("copied");
        link.setAttribute("title", "Link copied");
        window.setTimeout(function () { link.classList.remove("copied"); link.setAttribute("title", "Link to this section"); }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, done);
      } else {
        done();
      }
    });
  });

  // Copy buttons: the block's text as shown, which is what the scripts run.
  all("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var code = button.closest(".code").querySelector("pre code");
      var text = code.textContent;
      var done = function () {
        button.textContent = "Copied";
        button.classList.add("copied");
        window.setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(code); done(); });
      } else {
        fallbackCopy(code);
        done();
      }
    });
  });
  function fallbackCopy(element) {
    var range = doc.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { doc.execCommand("copy"); } catch (error) { /* the text stays selected for the person to copy */ }
  }

  // Checklists: ticks survive a reload, per runbook and variant.
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (error) { return []; }
  }
  function save(key, ticked) {
    try { window.localStorage.setItem(key, JSON.stringify(ticked)); } catch (error) { /* storage off: ticks last for this visit */ }
  }
  function updateProgress(section) {
    var boxes = all("input[data-task]", section);
    var done = boxes.filter(function (box) { return box.checked; }).length;
    var progress = section.querySelector("[data-role=progress]");
    progress.hidden = false;
    progress.textContent = done + " of " + boxes.length + " done";
    var bar = doc.createElement("span");
    bar.className = "bar";
    var fill = doc.createElement("i");
    fill.style.width = (boxes.length ? Math.round(100 * done / boxes.length) : 0) + "%";
    bar.appendChild(fill);
    progress.appendChild(bar);
  }
  all(".checklist").forEach(function (section) {
    var key = section.getAttribute("data-storage-key");
    var ticked = load(key);
    var boxes = all("input[data-task]", section);
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.getAttribute("data-task")) >= 0;
      box.toggleAttribute("checked", box.checked);
      box.addEventListener("change", function () {
        box.toggleAttribute("checked", box.checked);
        save(key, boxes.filter(function (other) { return other.checked; }).map(function (other) { return other.getAttribute("data-task"); }));
        updateProgress(section);
      });
    });
    var reset = section.querySelector("[data-role=reset]");
    reset.hidden = false;
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; box.removeAttribute("checked"); });
      save(key, []);
      updateProgress(section);
    });
    updateProgress(section);
  });
}());
