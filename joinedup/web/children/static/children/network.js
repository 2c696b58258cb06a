// The child's network as a Cytoscape.js diagram. The table beside it lists every
// link, so the page is complete without this script; the diagram only adds a picture.
(function () {
  "use strict";

  function draw() {
    var data = document.getElementById("network-elements");
    var container = document.getElementById("network-diagram");
    if (!data || !container || typeof window.cytoscape !== "function") {
      return;
    }
    container.classList.add("children-network--drawn");
    window.cytoscape({
      container: container,
      elements: JSON.parse(data.textContent),
      layout: {
        name: "concentric",
        concentric: function (node) { return 3 - node.data("steps"); },
        levelWidth: function () { return 1; },
        minNodeSpacing: 60,
        animate: false
      },
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
          "text-valign": "bottom", "text-margin-y": 4, "color": "#0b0c0c",
          "background-color": "#505a5f", "width": 18, "height": 18 } },
        { selector: "node.person", style: { "background-color": "#1d70b8", "shape": "ellipse" } },
        { selector: "node.place", style: { "background-color": "#00703c", "shape": "round-rectangle" } },
        { selector: "node.vehicle", style: { "background-color": "#f47738", "shape": "diamond" } },
        { selector: "node.phone", style: { "background-color": "#4c2c92", "shape": "triangle" } },
        { selector: "node.organisation", style: { "background-color": "#d4351c", "shape": "hexagon" } },
        { selector: "node.steps-0", style: { "width": 30, "height": 30, "border-width": 3,
          "border-color": "#0b0c0c", "font-weight": "bold" } },
        { selector: "edge", style: { "width": 1.5, "line-color": "#b1b4b6", "curve-style": "bezier" } }
      ]
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
