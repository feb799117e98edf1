// Walks a conformance test's Test function in source order and records, as steps, every call it makes into the suite's
// helpers (conformance/utils/...) and every write through the Kubernetes client, with the arguments evaluated; loops
// over literal case tables are unrolled, t.Run names become subtest paths, and helpers of the tests package are inlined.
package main

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Step is one recorded call.
type Step struct {
	ID      int    `json:"id"`
	Call    string `json:"call"`
	Args    []any  `json:"args"`
	Subtest string `json:"subtest,omitempty"`
	// When lists the source of the conditions the call sits under (if, switch, an unrolled-unknown loop).
	When []string `json:"when,omitempty"`
	Line int      `json:"line"`
}

type walker struct {
	pkg      *packages.Package
	fset     *token.FileSet
	files    map[string][]byte
	decls    map[*types.Func]*ast.FuncDecl
	env      map[types.Object]any
	steps    []Step
	subtests []string
	when     []string
	depth    int
}

const utilsPrefix = "sigs.k8s.io/gateway-api/conformance/utils/"

// recorded says whether a call is one a case is made of: a suite helper, or a write through the client.
func (w *walker) recorded(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	if strings.HasPrefix(path, utilsPrefix) {
		return path != utilsPrefix+"tlog" && path != utilsPrefix+"config"
	}
	if path == "sigs.k8s.io/controller-runtime/pkg/client" {
		switch fn.Name() {
		case "Create", "Update", "Patch", "Delete":
			return true
		}
	}
	return false
}

func (w *walker) calleeFunc(call *ast.CallExpr) *types.Func {
	fun := call.Fun
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return nil
	}
	fn, _ := w.pkg.TypesInfo.Uses[id].(*types.Func)
	return fn
}

func (w *walker) walkBlock(b *ast.BlockStmt) {
	if b == nil {
		return
	}
	for _, s := range b.List {
		w.walkStmt(s)
	}
}

func (w *walker) walkStmt(s ast.Stmt) {
	switch x := s.(type) {
	case *ast.BlockStmt:
		w.walkBlock(x)
	case *ast.ExprStmt:
		w.calls(x.X)
	case *ast.AssignStmt:
		w.assign(x)
	case *ast.DeclStmt:
		if gd, ok := x.Decl.(*ast.GenDecl); ok {
			for _, sp := range gd.Specs {
				vs, ok := sp.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, name := range vs.Names {
					obj := w.pkg.TypesInfo.Defs[name]
					if i < len(vs.Values) {
						w.calls(vs.Values[i])
						w.env[obj] = w.evalExpr(vs.Values[i])
					} else if obj != nil {
						w.env[obj] = zeroOf(obj.Type())
					}
				}
			}
		}
	case *ast.IfStmt:
		defer w.conditional(w.snapshot(), w.source(x.Cond))
		if x.Init != nil {
			w.walkStmt(x.Init)
		}
		w.calls(x.Cond)
		cond := w.source(x.Cond)
		w.under(cond, func() { w.walkBlock(x.Body) })
		if x.Else != nil {
			w.under("!("+cond+")", func() { w.walkStmt(x.Else) })
		}
	case *ast.SwitchStmt:
		switchOn := "switch"
		if x.Tag != nil {
			switchOn += " " + w.source(x.Tag)
		}
		defer w.conditional(w.snapshot(), switchOn)
		if x.Init != nil {
			w.walkStmt(x.Init)
		}
		tag := ""
		if x.Tag != nil {
			tag = w.source(x.Tag) + " == "
		}
		for _, c := range x.Body.List {
			cc := c.(*ast.CaseClause)
			labels := []string{}
			for _, e := range cc.List {
				labels = append(labels, tag+w.source(e))
			}
			cond := "default"
			if len(labels) > 0 {
				cond = strings.Join(labels, " || ")
			}
			w.under(cond, func() {
				for _, st := range cc.Body {
					w.walkStmt(st)
				}
			})
		}
	case *ast.RangeStmt:
		w.walkRange(x)
	case *ast.ForStmt:
		if x.Init != nil {
			w.walkStmt(x.Init)
		}
		w.under("for "+w.source(x.Cond), func() { w.walkBlock(x.Body) })
	case *ast.ReturnStmt:
		for _, r := range x.Results {
			w.calls(r)
		}
	case *ast.DeferStmt, *ast.GoStmt:
		// Cleanups and background goroutines are not part of what a case expects.
	}
}

// snapshot and conditional keep a local that a branch assigned from passing for known afterwards: the walker walks
// every branch, so after the statement such a local is only known to depend on the condition.
func (w *walker) snapshot() map[types.Object]string {
	out := map[types.Object]string{}
	for k, v := range w.env {
		b, _ := json.Marshal(v)
		out[k] = string(b)
	}
	return out
}

func (w *walker) conditional(before map[types.Object]string, cond string) {
	for k, v := range w.env {
		b, _ := json.Marshal(v)
		if prev, had := before[k]; !had || prev != string(b) {
			if had {
				w.env[k] = Obj{"$conditional": cond}
			}
		}
	}
}

func (w *walker) under(cond string, f func()) {
	w.when = append(w.when, cond)
	f()
	w.when = w.when[:len(w.when)-1]
}

// walkRange unrolls a loop over a table the walker knows (a literal slice or map, an integer), binding the key and
// value for each element; over anything else it walks the body once under the loop's source.
func (w *walker) walkRange(x *ast.RangeStmt) {
	w.calls(x.X)
	coll := w.evalExpr(x.X)
	bind := func(k, v any) {
		if id, ok := x.Key.(*ast.Ident); ok && id.Name != "_" {
			w.env[w.objOf(id)] = k
		}
		if id, ok := x.Value.(*ast.Ident); ok && id.Name != "_" {
			w.env[w.objOf(id)] = v
		}
	}
	switch c := coll.(type) {
	case []any:
		for i, v := range c {
			bind(int64(i), v)
			w.walkBlock(x.Body)
		}
		return
	case Obj:
		if _, isStruct := c["$type"]; !isStruct && c["$expr"] == nil && c["$call"] == nil && c["$var"] == nil {
			keys := map[string]bool{}
			for k := range c {
				keys[k] = true
			}
			for _, k := range sortedKeys(keys) {
				bind(k, c[k])
				w.walkBlock(x.Body)
			}
			return
		}
	case int64:
		for i := int64(0); i < c; i++ {
			bind(i, nil)
			w.walkBlock(x.Body)
		}
		return
	}
	w.under("range "+w.source(x.X), func() { w.walkBlock(x.Body) })
}

func (w *walker) objOf(id *ast.Ident) types.Object {
	if o := w.pkg.TypesInfo.Defs[id]; o != nil {
		return o
	}
	return w.pkg.TypesInfo.Uses[id]
}

func (w *walker) assign(x *ast.AssignStmt) {
	if len(x.Rhs) == 1 && len(x.Lhs) >= 1 {
		if call, ok := x.Rhs[0].(*ast.CallExpr); ok {
			if fn := w.calleeFunc(call); w.recorded(fn) {
				id := w.record(call, fn)
				for i, l := range x.Lhs {
					res := Obj{"$result": int64(id)}
					if len(x.Lhs) > 1 {
						res["index"] = int64(i)
					}
					w.setLHS(l, res, x.Tok)
				}
				return
			}
		}
	}
	for i, l := range x.Lhs {
		if i >= len(x.Rhs) {
			break
		}
		w.calls(x.Rhs[i])
		w.setLHS(l, w.evalExpr(x.Rhs[i]), x.Tok)
	}
}

// setLHS binds a local, or sets a field of a literal the walker holds (expected.Request.Host = ...).
func (w *walker) setLHS(l ast.Expr, v any, tok token.Token) {
	switch t := l.(type) {
	case *ast.Ident:
		if t.Name == "_" {
			return
		}
		if obj := w.objOf(t); obj != nil {
			w.env[obj] = v
		}
	case *ast.SelectorExpr:
		if base, ok := w.evalExpr(t.X).(Obj); ok {
			base[t.Sel.Name] = v
		}
	case *ast.IndexExpr:
		if base, ok := w.evalExpr(t.X).(Obj); ok {
			if k, isStr := w.evalExpr(t.Index).(string); isStr {
				base[k] = v
			}
		}
	}
	_ = tok
}

// calls finds the calls inside one expression: records suite helpers, inlines the tests package's own helpers, walks
// subtests and other function literals.
func (w *walker) calls(e ast.Expr) {
	if e == nil {
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			w.walkBlock(x.Body)
			return false
		case *ast.CallExpr:
			fn := w.calleeFunc(x)
			if fn != nil && fn.Name() == "Run" && fn.Pkg() != nil && fn.Pkg().Path() == "testing" && len(x.Args) == 2 {
				name, ok := w.evalExpr(x.Args[0]).(string)
				if !ok {
					name = w.source(x.Args[0])
				}
				if lit, isLit := x.Args[1].(*ast.FuncLit); isLit {
					w.subtests = append(w.subtests, name)
					w.walkBlock(lit.Body)
					w.subtests = w.subtests[:len(w.subtests)-1]
				} else {
					w.calls(x.Args[1])
				}
				return false
			}
			if w.recorded(fn) {
				w.record(x, fn)
				return false
			}
			if decl := w.decls[fn]; decl != nil && w.depth < 6 {
				w.inline(x, decl)
				return false
			}
		}
		return true
	})
}

// inline walks a helper of the tests package with its parameters bound to the caller's arguments.
func (w *walker) inline(call *ast.CallExpr, decl *ast.FuncDecl) {
	args := make([]any, len(call.Args))
	for i, a := range call.Args {
		w.calls(a)
		args[i] = w.evalExpr(a)
	}
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if i < len(args) {
				if _, variadic := field.Type.(*ast.Ellipsis); variadic {
					rest := []any{}
					if call.Ellipsis.IsValid() {
						rest, _ = args[i].([]any)
					} else {
						rest = append(rest, args[i:]...)
					}
					w.env[w.pkg.TypesInfo.Defs[name]] = rest
				} else {
					w.env[w.pkg.TypesInfo.Defs[name]] = args[i]
				}
			}
			i++
		}
	}
	w.depth++
	w.walkBlock(decl.Body)
	w.depth--
}

func (w *walker) record(call *ast.CallExpr, fn *types.Func) int {
	args := w.evalArgs(call)
	id := len(w.steps)
	w.steps = append(w.steps, Step{
		ID:      id,
		Call:    w.funcName(call.Fun),
		Args:    deepCopy(args).([]any),
		Subtest: strings.Join(w.subtests, "/"),
		When:    append([]string(nil), w.when...),
		Line:    w.fset.Position(call.Pos()).Line,
	})
	_ = fn
	return id
}

// deepCopy freezes a recorded argument, so a later assignment to the same literal does not rewrite an earlier step.
func deepCopy(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		panic(err)
	}
	return normalise(out)
}

// normalise turns json.Number back into int64 (or float64), so re-marshalled data prints as the source wrote it.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = normalise(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = normalise(x[k])
		}
		return x
	}
	return v
}
