//go:build !js

package fonts

import _ "embed"

// NotoRegular and NotoBold are Noto Sans, subset (native programs only; see
// the package comment).
var (
	//go:embed noto-sans-regular.ttf
	NotoRegular []byte
	//go:embed noto-sans-bold.ttf
	NotoBold []byte
)

// For returns the regular and bold font lang's map is drawn with.
func For(lang string) (regular, bold []byte) {
	if Lang(lang) == "go" {
		return GoRegular, GoBold
	}
	return NotoRegular, NotoBold
}
