//go:build js && wasm

package main

import (
	"io/fs"
	"syscall/js"

	"github.com/silkmap/silkmap/mapdata"
	"github.com/silkmap/silkmap/mapdata/i18n"
	"github.com/silkmap/silkmap/mapdata/layout"
	"github.com/silkmap/silkmap/mapdata/story"
)

// language is the reader's language, which the loader chose
// (silkmapShell.lang) and whose bundle and fonts it fetched while the wasm
// downloaded: English (nil) needs neither, and the wasm carries none of
// the others'. When they cannot be had, the map speaks English.
func language() *i18n.Locale {
	shell := js.Global().Get("silkmapShell")
	lang := shell.Get("lang")
	if lang.Type() != js.TypeString || lang.String() == "en" {
		return i18n.English
	}
	bundle, err := await(shell.Get("locale"))
	var loc *i18n.Locale
	if err == nil {
		loc, err = i18n.Parse(bytesOf(bundle))
	}
	if err != nil {
		consoleWarn("silkmap: language " + lang.String() + ": " + err.Error() + "; the map speaks English")
		return i18n.English
	}
	fonts, err := await(shell.Get("fonts"))
	if err != nil || fonts.Length() != 2 {
		consoleWarn("silkmap: the fonts of " + lang.String() + " did not load; the map speaks English")
		return i18n.English
	}
	layout.Fonts = layout.FontSet{Regular: bytesOf(fonts.Index(0)), Bold: bytesOf(fonts.Index(1))}
	return loc
}

// translate makes m and st speak loc, with the content's translation file
// of loc's language from fsys when it has one (its problems go to the
// console, and the names of the boundaries are translated all the same).
func translate(m *mapdata.Map, st *story.Story, fsys fs.FS, loc *i18n.Locale) {
	if loc.Lang() == "en" {
		return
	}
	c, probs := story.ReadTranslation(m, st, fsys, loc.Lang())
	for _, p := range probs {
		consoleWarn("silkmap: content/" + p.String())
	}
	story.ApplyTranslation(m, st, loc, c)
}
