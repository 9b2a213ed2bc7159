/* Password fields: the eye button and the live checklist (design §3).
 *
 * Progressive enhancement only: without JavaScript the eye buttons stay hidden and the
 * server checks the password and shows each rule met or not after submission. The rules
 * repeat ens/accounts/passwords.py's PASSWORD_RULES (same keys); the server has the last word.
 * Loaded as an external script ('self' in the CSP): no inline script, no inline handler.
 */
(function () {
  "use strict";

  var RULES = {
    length: function (p) { return Array.from(p).length >= 8; },
    lower: function (p) { return /\p{Ll}/u.test(p); },
    upper: function (p) { return /\p{Lu}/u.test(p); },
    digit: function (p) { return /[0-9]/.test(p); },
    special: function (p) { return /[^\p{L}\p{N}]/u.test(p); }
  };
  var STATES = ["fr-message--info", "fr-message--valid", "fr-message--error"];

  function setupReveal(button) {
    var input = document.getElementById(button.getAttribute("data-ens-reveal"));
    if (!input) { return; }
    var show = button.getAttribute("data-label-show");
    var hide = button.getAttribute("data-label-hide");
    button.hidden = false;
    button.addEventListener("click", function () {
      var revealing = input.type === "password";
      input.type = revealing ? "text" : "password";
      button.textContent = revealing ? hide : show;
      button.classList.toggle("fr-icon-eye-line", !revealing);
      button.classList.toggle("fr-icon-eye-off-line", revealing);
    });
  }

  function setupChecklist(list) {
    var input = document.getElementById(list.getAttribute("data-ens-checklist"));
    if (!input) { return; }
    var submitted = list.hasAttribute("data-submitted");
    var metText = list.getAttribute("data-met-text");
    var unmetText = list.getAttribute("data-unmet-text");
    var items = list.querySelectorAll("[data-rule]");

    function update() {
      var value = input.value;
      items.forEach(function (item) {
        var check = RULES[item.getAttribute("data-rule")];
        if (!check) { return; }
        var met = check(value);
        var state = met ? "fr-message--valid" : (submitted ? "fr-message--error" : "fr-message--info");
        STATES.forEach(function (name) { item.classList.toggle(name, name === state); });
        var hint = item.querySelector("[data-rule-state]");
        if (hint) {
          hint.textContent = met ? metText : (value || submitted ? unmetText : "");
        }
      });
    }
    input.addEventListener("input", update);
  }

  function init() {
    document.querySelectorAll("[data-ens-reveal]").forEach(setupReveal);
    document.querySelectorAll("[data-ens-checklist]").forEach(setupChecklist);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
