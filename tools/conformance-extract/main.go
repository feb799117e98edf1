// conformance-extract writes the Gateway API conformance suite as data: the registered tests (tests.ConformanceTests:
// names, features, manifests), the embedded manifests (conformance.Manifests), the suite's setup Secrets, and, read
// with go/ast and go/types from the same module's test sources, each test's steps (helper calls with their arguments,
// http.ExpectedResponse literals evaluated). gwsim's conformance harness runs that data; nobody transcribes it.
//
// Usage: go run . -out ../../test/conformance
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
	"sigs.k8s.io/gateway-api/conformance"
	"sigs.k8s.io/gateway-api/conformance/tests"
)

const modulePath = "sigs.k8s.io/gateway-api/conformance"

// TestData is one registered test as written to tests/<ShortName>.json.
type TestData struct {
	ShortName   string   `json:"shortName"`
	Description string   `json:"description"`
	Features    []string `json:"features"`
	Manifests   []string `json:"manifests"`
	Provisional bool     `json:"provisional,omitempty"`
	Slow        bool     `json:"slow,omitempty"`
	Source      string   `json:"source"`
	Steps       []Step   `json:"steps"`
}

// Index is suite.json: what was read, the base manifests, the Secrets the suite creates before any test.
type Index struct {
	Module        string   `json:"module"`
	Version       string   `json:"version"`
	BaseManifests string   `json:"baseManifests"`
	Setup         []Step   `json:"setup"`
	Tests         []string `json:"tests"`
}

func main() {
	out := flag.String("out", "", "directory to write (suite.json, tests/, manifests/)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: conformance-extract -out DIR")
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "conformance-extract:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
	}, modulePath+"/tests", modulePath+"/tests/mesh", modulePath+"/utils/suite")
	if err != nil {
		return err
	}
	if packages.PrintErrors(pkgs) > 0 {
		return fmt.Errorf("could not load %s", modulePath)
	}
	literals := map[string]*found{}
	var setup []Step
	base := ""
	for _, p := range pkgs {
		w := newWalker(p)
		if strings.HasSuffix(p.PkgPath, "/utils/suite") {
			setup = w.setupSteps()
			base = w.defaultBaseManifests()
			continue
		}
		for name, f := range w.testLiterals() {
			literals[name] = f
		}
	}

	// Registered tests, in the registry's order, deduplicated by name; their manifests and steps.
	seen := map[string]bool{}
	if base == "" {
		return fmt.Errorf("no default BaseManifests found in %s/utils/suite", modulePath)
	}
	manifests := map[string]bool{base: true}
	var names []string
	var datas []TestData
	for _, t := range tests.ConformanceTests {
		if seen[t.ShortName] {
			continue
		}
		seen[t.ShortName] = true
		f := literals[t.ShortName]
		if f == nil {
			return fmt.Errorf("registered test %s: no ConformanceTest literal found in the sources", t.ShortName)
		}
		feats := make([]string, len(t.Features))
		for i, ft := range t.Features {
			feats[i] = string(ft)
		}
		for _, m := range t.Manifests {
			manifests[m] = true
		}
		steps := f.steps()
		for _, s := range steps {
			collectManifestPaths(s.Args, manifests)
		}
		names = append(names, t.ShortName)
		datas = append(datas, TestData{
			ShortName: t.ShortName, Description: t.Description, Features: feats, Manifests: t.Manifests,
			Provisional: t.Provisional, Slow: t.Slow, Source: f.source, Steps: steps,
		})
	}
	sort.Strings(names)

	if err := os.RemoveAll(filepath.Join(out, "tests")); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(out, "manifests")); err != nil {
		return err
	}
	for _, d := range datas {
		if err := writeJSON(filepath.Join(out, "tests", d.ShortName+".json"), d); err != nil {
			return err
		}
	}
	for _, m := range sortedKeys(manifests) {
		b, err := fs.ReadFile(conformance.Manifests, m)
		if err != nil {
			return fmt.Errorf("manifest %s: %w", m, err)
		}
		if err := writeFile(filepath.Join(out, "manifests", m), b); err != nil {
			return err
		}
	}
	return writeJSON(filepath.Join(out, "suite.json"), Index{
		Module: modulePath, Version: moduleVersion(), BaseManifests: base, Setup: setup, Tests: names,
	})
}

// collectManifestPaths finds manifest paths passed to a helper mid-test (Applier.MustApplyWithCleanup of "tests/x.yaml").
func collectManifestPaths(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		if (strings.HasPrefix(x, "tests/") || strings.HasPrefix(x, "mesh/") || strings.HasPrefix(x, "base/")) &&
			strings.HasSuffix(x, ".yaml") {
			if _, err := fs.Stat(conformance.Manifests, x); err == nil {
				into[x] = true
			}
		}
	case []any:
		for _, e := range x {
			collectManifestPaths(e, into)
		}
	case map[string]any:
		for _, e := range x {
			collectManifestPaths(e, into)
		}
	}
}

func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				return d.Version
			}
		}
	}
	return "unknown"
}

func writeJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// found is a ConformanceTest literal in the sources and the walker that evaluates its Test function.
type found struct {
	w      *walker
	test   ast.Expr
	source string
}

func (f *found) steps() []Step {
	w := f.w
	w.env = map[types.Object]any{}
	w.steps = nil
	switch t := f.test.(type) {
	case *ast.FuncLit:
		w.walkBlock(t.Body)
	case *ast.Ident:
		if fn, ok := w.pkg.TypesInfo.Uses[t].(*types.Func); ok && w.decls[fn] != nil {
			w.walkBlock(w.decls[fn].Body)
		}
	}
	if w.steps == nil {
		return []Step{}
	}
	return w.steps
}

func newWalker(p *packages.Package) *walker {
	w := &walker{pkg: p, fset: p.Fset, files: map[string][]byte{}, decls: map[*types.Func]*ast.FuncDecl{}}
	for _, name := range p.GoFiles {
		if b, err := os.ReadFile(name); err == nil {
			w.files[name] = b
		}
	}
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, isFn := p.TypesInfo.Defs[fd.Name].(*types.Func); isFn {
					w.decls[fn] = fd
				}
			}
		}
	}
	return w
}

// testLiterals finds every package-level confsuite.ConformanceTest literal, by its ShortName.
func (w *walker) testLiterals() map[string]*found {
	out := map[string]*found{}
	w.env = map[types.Object]any{}
	for _, f := range w.pkg.Syntax {
		file := w.fset.Position(f.Pos()).Filename
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || typeName(w.pkg.TypesInfo.TypeOf(lit)) != "suite.ConformanceTest" {
				return true
			}
			var short string
			var test ast.Expr
			for _, el := range lit.Elts {
				kv, isKV := el.(*ast.KeyValueExpr)
				if !isKV {
					continue
				}
				switch kv.Key.(*ast.Ident).Name {
				case "ShortName":
					short, _ = w.evalExpr(kv.Value).(string)
				case "Test":
					test = kv.Value
				}
			}
			if short != "" {
				// The file inside the module, as the suite's repository names it (conformance/tests/x.go).
				rel := file[strings.Index(file, "/conformance@")+1:]
				rel = "conformance" + rel[strings.Index(rel, "/"):]
				out[short] = &found{w: w, test: test, source: rel}
			}
			return false
		})
	}
	return out
}

// setupSteps walks ConformanceTestSuite.Setup and keeps the Secrets and ConfigMaps it creates for the tests.
func (w *walker) setupSteps() []Step {
	w.env = map[types.Object]any{}
	w.steps = nil
	for fn, d := range w.decls {
		if fn.Name() != "Setup" || d.Recv == nil {
			continue
		}
		w.walkBlock(d.Body)
	}
	// Ids stay those of the walk, so a Secret signed by a CA ConfigMap still names that step's result.
	keep := []Step{}
	for _, s := range w.steps {
		if strings.HasPrefix(s.Call, "kubernetes.MustCreate") {
			keep = append(keep, s)
		}
	}
	return keep
}

// defaultBaseManifests reads the manifest the suite applies before any test when its options name none
// (NewConformanceTestSuite: `suite.BaseManifests = "..."`).
func (w *walker) defaultBaseManifests() string {
	found := ""
	for _, f := range w.pkg.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				return true
			}
			if sel, isSel := as.Lhs[0].(*ast.SelectorExpr); isSel && sel.Sel.Name == "BaseManifests" {
				if v, isStr := w.evalExpr(as.Rhs[0]).(string); isStr {
					found = v
				}
			}
			return true
		})
	}
	return found
}
