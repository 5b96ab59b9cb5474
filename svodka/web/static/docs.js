// /docs: Swagger UI over this server's OpenAPI description. Its files come from this server
// (the swagger-ui-bundle package), never a CDN, so the page works offline.
(function () {
  "use strict";
  window.addEventListener("load", function () {
    var node = document.getElementById("swagger-ui");
    if (!window.SwaggerUIBundle || !node) { return; } // no bundle: the plain list stays
    window.ui = window.SwaggerUIBundle({
      url: node.getAttribute("data-openapi"),
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null // the default badge asks a server elsewhere to validate the description
    });
  });
})();
