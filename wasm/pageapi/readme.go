package pageapi

import (
	"bytes"
	"regexp"
	"strings"
)

// Documented lists the members of window.silkmap that the "Page API"
// table of readme (docs/embedding.md) documents, in its order (the names
// in the code spans of its first column), and the methods its paragraph on
// postMessage lists. Tests here and in wasm/e2e hold the table, the loader
// and the page to them, so that a member is documented before it is added.
func Documented(readme []byte) (members, postMessage []string) {
	_, sec, _ := bytes.Cut(readme, []byte("\n## Page API\n"))
	sec, _, _ = bytes.Cut(sec, []byte("\n#"))
	name := regexp.MustCompile("`([A-Za-z_]+)")
	for _, line := range strings.Split(string(sec), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || cells[0] != "" || strings.Contains(cells[1], "---") || strings.TrimSpace(cells[1]) == "member" {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
			members = append(members, m[1])
		}
	}
	if _, list, ok := bytes.Cut(sec, []byte("(methods: ")); ok {
		list, _, _ = bytes.Cut(list, []byte(")"))
		for _, m := range name.FindAllSubmatch(list, -1) {
			postMessage = append(postMessage, string(m[1]))
		}
	}
	return members, postMessage
}
