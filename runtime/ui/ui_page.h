#pragma once
// The web UI's single page: HTML, CSS and JavaScript embedded in the binary (no CDN: machines
// may have no internet). The script polls /api/queries every second and draws its charts as
// inline SVG itself.
#include <string_view>

namespace sluice {

/// The page served at `/`.
std::string_view uiPageHtml();

}  // namespace sluice
