// Package fonts embeds the label fonts (see SOURCE.md): the Go fonts,
// which the English map draws with and every build carries, and Noto Sans
// cut to the letters of the map's other languages (Latin, Turkish,
// Azerbaijani, Cyrillic with Kazakh), which only native programs embed
// (noto.go): the browser fetches it when a reader chooses such a language.
package fonts

import _ "embed"

// GoRegular and GoBold are the Go fonts without their hinting
// instructions (the rasteriser never runs them).
var (
	//go:embed go-regular.ttf
	GoRegular []byte
	//go:embed go-bold.ttf
	GoBold []byte
)

// Lang is the font a language's map is drawn with: "go" for English,
// "noto-sans" for the others (Go's fonts lack Kazakh's ә ғ қ ң ө ұ ү һ).
func Lang(lang string) string {
	if lang == "" || lang == "en" {
		return "go"
	}
	return "noto-sans"
}
