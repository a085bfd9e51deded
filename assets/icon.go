package assets

import _ "embed"

// Icon is the application icon (512×512 PNG), used for the window and packages.
//
//go:embed icon.png
var Icon []byte
