// Measures a page from inside it (harness.ts evaluates this file's text as
// `(function)(limits)`; JS on or off, page.evaluate runs it as long as nothing
// waits on a timer). Returns the Measures of harness.ts. Plain JS on purpose.
(function measure(limits) {
  function path(el) {
    var parts = [];
    for (var e = el; e && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
      var p = e.tagName.toLowerCase();
      if (e.id) {
        parts.unshift(p + "#" + e.id);
        break;
      }
      var cls = Array.prototype.slice.call(e.classList, 0, 2).join(".");
      if (cls) p += "." + cls;
      parts.unshift(p);
    }
    return parts.join(" > ");
  }
  function visible(el) {
    var st = getComputedStyle(el);
    if (st.visibility === "hidden" || st.display === "none" || Number(st.opacity) === 0) return false;
    var r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    // Moved off the page (the skip link until it has focus).
    if (r.right <= 0 || r.bottom <= 0 || r.left >= document.documentElement.scrollWidth) return false;
    return true;
  }
  function snippet(s) {
    return String(s || "").replace(/\s+/g, " ").trim().slice(0, 30);
  }

  // Text: every non-blank text node whose element is shown.
  var smallest = null;
  var smallText = [];
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var n = walker.nextNode(); n; n = walker.nextNode()) {
    var el = n.parentElement;
    if (!el || !n.textContent || !n.textContent.trim()) continue;
    if (el.closest("script,style,noscript,template,option,select")) continue;
    if (!visible(el)) continue;
    var px = parseFloat(getComputedStyle(el).fontSize);
    // SVG text is drawn at its font-size times the drawing's scale on screen.
    if (el instanceof SVGElement && el.getScreenCTM) {
      var ctm = el.getScreenCTM();
      if (ctm) px = Math.round(px * Math.sqrt(ctm.a * ctm.a + ctm.b * ctm.b) * 10) / 10;
    }
    if (!smallest || px < smallest.px) smallest = { px: px, where: path(el), text: snippet(n.textContent) };
    if (px < limits.font - 0.01) {
      var key = px + "px " + path(el);
      if (smallText.indexOf(key) < 0) smallText.push(key);
    }
  }

  // Targets. WCAG 2.5.8's inline exception: a link laid out inline inside a
  // sentence (its block holds words that are not themselves links or
  // controls) takes its height from the line of text, and is exempt. A link
  // alone in a list item or a table cell is not in a sentence: no exemption.
  function inSentence(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    var block = el.parentElement;
    while (block && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
    if (!block) return false;
    var copy = block.cloneNode(true);
    copy.querySelectorAll("a,button,input,select,textarea").forEach(function (x) {
      x.remove();
    });
    return /[\p{L}\p{N}]/u.test(copy.textContent || "");
  }
  var smallTargets = [];
  var controls = document.querySelectorAll("a[href],button,input:not([type=hidden]),select,textarea,summary");
  for (var i = 0; i < controls.length; i++) {
    var c = controls[i];
    if (!visible(c) || inSentence(c)) continue;
    var target = c;
    // A radio button or checkbox is clicked through its label: the label is the target.
    if (c.matches("input[type=radio],input[type=checkbox]")) {
      var label = c.closest("label") || (c.id ? document.querySelector('label[for="' + c.id + '"]') : null);
      if (label) target = label;
    }
    // A link that wraps onto two lines is two boxes, not their union: it
    // passes when one of its pieces holds the whole square.
    var boxes = target.getClientRects();
    var r = target.getBoundingClientRect();
    for (var b = 0; b < boxes.length; b++) {
      if (b === 0 || boxes[b].width * boxes[b].height > r.width * r.height) r = boxes[b];
    }
    if (r.width < limits.target - 0.5 || r.height < limits.target - 0.5) {
      smallTargets.push(Math.round(r.width) + "×" + Math.round(r.height) + " " + path(target) + ' "' + snippet(target.textContent || target.value) + '"');
    }
  }

  // Sideways scrolling, and what sticks out when there is some.
  var root = document.documentElement;
  var overflowing = [];
  if (root.scrollWidth > root.clientWidth) {
    var all = document.body.querySelectorAll("*");
    for (var j = 0; j < all.length && overflowing.length < 5; j++) {
      var rr = all[j].getBoundingClientRect();
      if (rr.right > root.clientWidth + 0.5) overflowing.push(path(all[j]) + " right=" + Math.round(rr.right));
    }
  }
  // A print view (the print stylesheet applies on screen too) is an A4 sheet opened on the station PC.
  var printView = !!document.querySelector('link[rel=stylesheet][href*="print.css"]:not([media="print"])');
  return { printView: printView, smallestFont: smallest, smallText: smallText, smallTargets: smallTargets, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, overflowing: overflowing };
});
