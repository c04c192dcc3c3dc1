// The API reference page (/api/reference): Scalar, vendored under /lib/scalar, reads the OpenAPI document of /api/v1.
// Configured here, not inline, so the page's Content-Security-Policy allows no inline script. No fonts or services
// outside this site are used.
(function () {
    'use strict';
    var mount = document.getElementById('api-reference');
    if (!mount || !window.Scalar) {
        return;
    }
    window.Scalar.createApiReference(mount, {
        url: mount.getAttribute('data-url'),
        withDefaultFonts: false,
        hideClientButton: true,
        telemetry: false,
        showDeveloperTools: 'never',
        authentication: { preferredSecurityScheme: 'ApiToken' }
    });
})();
