package assets

import _ "embed"

// The fallback fonts of the PDF renderer for the characters its Go fonts
// lack: Noto Sans Hebrew, regular and bold (SIL Open Font License 1.1,
// see fonts/OFL.txt), so that a Hebrew title prints as Hebrew.
var (
	//go:embed fonts/NotoSansHebrew-Regular.ttf
	HebrewRegular []byte
	//go:embed fonts/NotoSansHebrew-Bold.ttf
	HebrewBold []byte
)
