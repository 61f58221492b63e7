// Command silkmap is the pure-Go tool of the silkmap map explorer: it checks
// content folders and answers questions about the map from the command line.
// It needs no display and no cgo.
//
//	silkmap init [--boundaries] DIR
//	silkmap check [DIR]
//	silkmap history DIR
//	silkmap restore DIR N
//	silkmap at [--date YYYY-MM-DD] [--json] [--content DIR] LON LAT
//	silkmap show [--json] [--content DIR] ID
//	silkmap snapshot --view FRAGMENT [--size WxH] [--scale N] -o FILE
//	silkmap serve [--addr HOST:PORT] [--web DIR] [--content DIR] [--watch]
//	silkmap health [URL]
//	silkmap version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/silkmap/silkmap/internal/version"
)

const usage = `usage: silkmap <command> [flags] [args]

commands:
  init DIR                         start a content folder from the embedded one
  check [DIR]                      validate a content folder (default: the embedded one)
  history DIR                      a content folder's saves (made by the studio), newest first
  restore DIR N                    put back the files of save N as they were before it
  at [--date D] [--json] LON LAT   the country, memberships and nearby sites at a point
  show [--json] ID                 a country, body, corridor, site or article and its links
  snapshot --view F --size WxH -o FILE   render a view to PNG, no display needed
  serve [--addr A] [--web DIR]     serve the map (the bundle inside, or --web DIR) and the content
  health [URL]                     exit 0 when a server's /healthz answers 200 (default http://127.0.0.1:8080/healthz)
  version                          print the version (also --version)

every command but init and check takes --content DIR to use an editor's folder.
run 'silkmap <command> -h' for a command's flags.
`

// errUsage marks a usage error: exit status 2. The usage has been printed.
var errUsage = errors.New("usage error")

// usageError is a usage error with a message of its own to print.
type usageError struct{ error }

func (usageError) Is(target error) bool { return target == errUsage }

// command runs one subcommand with its arguments.
type command func(args []string, stdout, stderr io.Writer) error

var commands = map[string]command{
	"init":     runInit,
	"history":  runHistory,
	"restore":  runRestore,
	"check":    runCheck,
	"at":       runAt,
	"show":     runShow,
	"serve":    runServe,
	"health":   runHealth,
	"snapshot": runSnapshot,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes a command line and returns the exit status: 0 done, 1 a
// problem with the data or the question, 2 a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "version" || args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(stdout, version.String("silkmap"))
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "silkmap: unknown command %q\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if err != errUsage {
			fmt.Fprintf(stderr, "silkmap %s: %v\n", args[0], err)
		}
		return 2
	}
	fmt.Fprintln(stderr, "silkmap:", err)
	return 1
}

// parse parses a subcommand's flags. Unlike flag.Parse it accepts flags
// after positional arguments and takes negative numbers ("-3.70") as
// arguments, so coordinates work as typed. Wrong flags or a wrong number of
// arguments print the usage and return errUsage.
func parse(fs *flag.FlagSet, args []string, nargs int, argsUsage string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: silkmap %s %s\n", fs.Name(), argsUsage)
		fs.PrintDefaults()
	}
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case !strings.HasPrefix(a, "-") || a == "-":
			pos = append(pos, a)
		case isNumber(a):
			pos = append(pos, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errUsage
	}
	if nargs >= 0 && len(pos) != nargs {
		fmt.Fprintf(stderr, "silkmap %s: want %d argument(s), got %d\n", fs.Name(), nargs, len(pos))
		fs.Usage()
		return nil, errUsage
	}
	return pos, nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
