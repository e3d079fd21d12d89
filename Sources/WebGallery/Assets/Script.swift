extension Assets {
    /// The one script (progressive: every page reads without it). Turns `[data-tabs]` blocks into ARIA tabs
    /// with a roving tabindex and arrow/Home/End keys (gallery.md §7), honours `#panel` in the address,
    /// and shows Copy buttons on install snippets.
    static let js = #"""
    (function () {
      "use strict";
      document.documentElement.classList.add("js");

      function setupTabs(root) {
        var list = root.querySelector("[role=tablist]");
        if (!list) return;
        var tabs = Array.prototype.slice.call(list.querySelectorAll("[data-tab]"));
        var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("data-tab")); });
        function select(index, focus) {
          tabs.forEach(function (tab, i) {
            var on = i === index;
            tab.setAttribute("aria-selected", on ? "true" : "false");
            tab.setAttribute("tabindex", on ? "0" : "-1");
            if (panels[i]) panels[i].hidden = !on;
          });
          if (focus) tabs[index].focus();
        }
        tabs.forEach(function (tab, i) {
          tab.setAttribute("role", "tab");
          tab.setAttribute("aria-controls", tab.getAttribute("data-tab"));
          if (panels[i]) { panels[i].setAttribute("role", "tabpanel"); panels[i].setAttribute("tabindex", "0"); }
          tab.addEventListener("click", function (event) {
            event.preventDefault();
            select(i, false);
            if (history.replaceState) history.replaceState(null, "", "#" + tab.getAttribute("data-tab"));
          });
          tab.addEventListener("keydown", function (event) {
            var next = null;
            if (event.key === "ArrowRight") next = (i + 1) % tabs.length;
            else if (event.key === "ArrowLeft") next = (i - 1 + tabs.length) % tabs.length;
            else if (event.key === "Home") next = 0;
            else if (event.key === "End") next = tabs.length - 1;
            else if (event.key === " " || event.key === "Enter") next = i;
            if (next === null) return;
            event.preventDefault();
            select(next, true);
          });
        });
        function fromAddress() {
          return tabs.findIndex(function (tab) { return "#" + tab.getAttribute("data-tab") === location.hash; });
        }
        var current = tabs.findIndex(function (tab) { return tab.getAttribute("aria-selected") === "true"; });
        select(fromAddress() >= 0 ? fromAddress() : Math.max(current, 0), false);
        // Links to a panel on the same page (the framework badges, "see the version list") open its tab.
        window.addEventListener("hashchange", function () {
          var wanted = fromAddress();
          if (wanted >= 0) select(wanted, false);
        });
      }

      function setupCopy(button) {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source || !navigator.clipboard) return;
        button.hidden = false;
        button.setAttribute("aria-label", "Copy to clipboard");
        button.addEventListener("click", function () {
          navigator.clipboard.writeText(source.textContent).then(function () {
            button.textContent = "Copied";
            button.classList.add("copied");
            setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1600);
          });
        });
      }

      function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), setupTabs);
        Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), setupCopy);
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
      else start();
    })();
    """#
}
