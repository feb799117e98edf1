// Evaluates a Go expression of a conformance test into plain data: constants by the type checker, composite literals
// field by field, locals through what the walker bound them to; anything else is kept as its source text.
package main

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strings"
)

// Obj is one evaluated struct or map literal; "$type" names a struct's type as the source spells it (pkg.Type).
type Obj = map[string]any

// evalExpr turns e into JSON-ready data in the walker's current bindings.
func (w *walker) evalExpr(e ast.Expr) any {
	info := w.pkg.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return constValue(tv.Value)
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return w.evalExpr(x.X)
	case *ast.BasicLit:
		return w.source(x)
	case *ast.CompositeLit:
		return w.evalComposite(x)
	case *ast.UnaryExpr:
		if x.Op.String() == "&" {
			return w.evalExpr(x.X)
		}
	case *ast.Ident:
		if x.Name == "nil" {
			return nil
		}
		if obj := info.Uses[x]; obj != nil {
			if v, ok := w.env[obj]; ok {
				return v
			}
			if _, isVar := obj.(*types.Var); isVar && obj.Parent() == obj.Pkg().Scope() {
				return Obj{"$var": obj.Name()}
			}
		}
	case *ast.SelectorExpr:
		if base, ok := w.evalExpr(x.X).(Obj); ok {
			if v, has := base[x.Sel.Name]; has {
				return v
			}
			if _, isStruct := base["$type"]; isStruct {
				// An unset field of a literal: its zero value, as Go gives it.
				return zeroOf(info.TypeOf(x))
			}
		}
	case *ast.IndexExpr:
		coll := w.evalExpr(x.X)
		idx := w.evalExpr(x.Index)
		switch c := coll.(type) {
		case []any:
			if i, ok := idx.(int64); ok && i >= 0 && int(i) < len(c) {
				return c[i]
			}
		case Obj:
			if k, ok := idx.(string); ok {
				if v, has := c[k]; has {
					return v
				}
			}
		}
	case *ast.BinaryExpr:
		l, r := w.evalExpr(x.X), w.evalExpr(x.Y)
		ls, lok := l.(string)
		rs, rok := r.(string)
		if x.Op.String() == "+" && lok && rok {
			return ls + rs
		}
	case *ast.CallExpr:
		return w.evalCall(x)
	case *ast.FuncLit:
		return Obj{"$func": true}
	}
	return Obj{"$expr": w.source(e)}
}

func (w *walker) evalCall(x *ast.CallExpr) any {
	info := w.pkg.TypesInfo
	// A conversion (gatewayv1.SectionName("http"), []byte(s)) keeps its operand's value.
	if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
		return w.evalExpr(x.Args[0])
	}
	name := w.funcName(x.Fun)
	// ptr.To(v) and new(v) only take an address; the data is v.
	if (name == "ptr.To" || name == "new") && len(x.Args) == 1 {
		if tv, ok := info.Types[x.Args[0]]; !ok || !tv.IsType() {
			return w.evalExpr(x.Args[0])
		}
	}
	if name == "append" && len(x.Args) >= 1 {
		base, _ := w.evalExpr(x.Args[0]).([]any)
		out := append([]any{}, base...)
		for i, a := range x.Args[1:] {
			v := w.evalExpr(a)
			if x.Ellipsis.IsValid() && i == len(x.Args)-2 {
				if vs, ok := v.([]any); ok {
					out = append(out, vs...)
					continue
				}
			}
			out = append(out, v)
		}
		return out
	}
	return Obj{"$call": name, "args": w.evalArgs(x)}
}

// evalArgs evaluates a call's arguments, leaving out the plumbing every helper takes (the *testing.T, the client, the
// timeout config, the round tripper, a context), which says nothing about the case.
func (w *walker) evalArgs(x *ast.CallExpr) []any {
	out := []any{}
	for _, a := range x.Args {
		if isPlumbing(w.pkg.TypesInfo.TypeOf(a)) {
			continue
		}
		out = append(out, w.evalExpr(a))
	}
	return out
}

func isPlumbing(t types.Type) bool {
	if t == nil {
		return false
	}
	s := t.String()
	for _, p := range []string{
		"*testing.T",
		"sigs.k8s.io/controller-runtime/pkg/client.Client",
		"sigs.k8s.io/gateway-api/conformance/utils/config.TimeoutConfig",
		"sigs.k8s.io/gateway-api/conformance/utils/roundtripper.RoundTripper",
		"context.Context",
	} {
		if s == p {
			return true
		}
	}
	return false
}

func (w *walker) evalComposite(x *ast.CompositeLit) any {
	t := w.pkg.TypesInfo.TypeOf(x)
	if t == nil {
		return Obj{"$expr": w.source(x)}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		o := Obj{"$type": typeName(t)}
		for i, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				o[kv.Key.(*ast.Ident).Name] = w.evalExpr(kv.Value)
			} else if i < u.NumFields() {
				o[u.Field(i).Name()] = w.evalExpr(el)
			}
		}
		return o
	case *types.Map:
		o := Obj{}
		for _, el := range x.Elts {
			kv := el.(*ast.KeyValueExpr)
			k, ok := w.evalExpr(kv.Key).(string)
			if !ok {
				k = w.source(kv.Key)
			}
			o[k] = w.evalExpr(kv.Value)
		}
		return o
	case *types.Slice, *types.Array:
		out := []any{}
		for _, el := range x.Elts {
			out = append(out, w.evalExpr(el))
		}
		return out
	}
	return Obj{"$expr": w.source(x)}
}

// typeName spells a named type as pkg.Name (the package's own name, not its path); unnamed types as Go prints them.
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Name() + "." + n.Obj().Name()
	}
	return t.String()
}

// funcName spells a callee as pkg.Func, or Recv.Method for a method (Applier.MustApplyWithCleanup, Client.Delete).
func (w *walker) funcName(fun ast.Expr) string {
	info := w.pkg.TypesInfo
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr:
		return w.funcName(f.X)
	default:
		return w.source(fun)
	}
	obj := info.Uses[id]
	fn, ok := obj.(*types.Func)
	if !ok {
		if b, isBuiltin := obj.(*types.Builtin); isBuiltin {
			return b.Name()
		}
		return w.source(fun)
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil {
		rt := sig.Recv().Type()
		if p, isPtr := rt.(*types.Pointer); isPtr {
			rt = p.Elem()
		}
		if n, isNamed := rt.(*types.Named); isNamed {
			return n.Obj().Name() + "." + fn.Name()
		}
		return typeName(rt) + "." + fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

func constValue(v constant.Value) any {
	switch v.Kind() {
	case constant.String:
		return constant.StringVal(v)
	case constant.Bool:
		return constant.BoolVal(v)
	case constant.Int:
		if i, ok := constant.Int64Val(v); ok {
			return i
		}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return f
	}
	return v.ExactString()
}

// zeroOf is the zero value of an unset field read through a selector (Request.Host of a literal that never set it).
func zeroOf(t types.Type) any {
	if t == nil {
		return nil
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsString != 0:
			return ""
		case b.Info()&types.IsBoolean != 0:
			return false
		case b.Info()&types.IsInteger != 0:
			return int64(0)
		}
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (w *walker) source(n ast.Node) string {
	start := w.fset.Position(n.Pos())
	end := w.fset.Position(n.End())
	src := w.files[start.Filename]
	if src == nil || end.Offset > len(src) {
		return "?"
	}
	return strings.Join(strings.Fields(string(src[start.Offset:end.Offset])), " ")
}
