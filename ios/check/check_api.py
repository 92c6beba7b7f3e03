#!/usr/bin/env python3
"""Catches drift between the iOS shell's Swift and the Swift uniffi generates from the core.

    python3 ios/check/check_api.py [--generated FILE] [PATH ...]

There is no Swift compiler here, so a renamed core call, a new argument label or a new enum
case would otherwise only be found on the first Xcode build. This reads the generated
bindings (`target/bindings/swift/wellbeing.swift`, run `bindings/generate.sh` first) with
tree-sitter-swift for what they declare, then the shell's Swift (`ios/App`,
`ios/WellbeingKit` and the Swift scenario runner in `bindings/swift`, by default) for what it uses, and fails with `file:line:col: why` on:

1. **store calls**: a call on a receiver named `store` (`store.x(…)`, `app.store?.x(…)`,
   `self.store.x(…)`) whose method is neither a `WellbeingStore` method of the generated
   Swift nor one the shell adds in an `extension WellbeingStore`; or whose argument labels
   are not the method's; or a throwing method called without `try`. A `$0.x(…)` call whose
   name is a store method is held to the same labels (it is a store in `LoadedContent`).
2. **constructors**: `WellbeingStore.x(…)` that is not one of its static functions or
   constructors, with the same label and `try` rules.
3. **free functions**: a lower-case call with no receiver that is neither a generated
   top-level function (labels and `try` checked), nor a function or closure the shell
   declares, nor one of the few Swift ones in SWIFT_FUNCTIONS.
4. **switches**: a `switch` whose cases name cases of a generated enum must name only that
   enum's cases, each with as many bound values as the case has, and, with no `default`,
   all of them (what the compiler says when the core adds a case).
5. **enum values**: `.case(label: …)` where `case` is only a generated enum's case (the
   shell's own enums declare no case of that name): its labels must be one of the cases'.
   `Enum.case` with a generated enum must name one of its cases.
6. **records**: `Record(label: …)` of a generated struct must pass every field in order
   (the memberwise initialiser uniffi writes).
7. **fields**: `name.field` where `name` is declared in the same file with a generated
   record's type (`let step: Step`, a parameter `notice: SafetyNotice?`) must name one of
   its fields, or a member the shell adds in an `extension` of that record.

It is a cheap check, not type checking: it cannot tell a field's name on a value whose type
is inferred (`if let screen = lock.screen`, a closure's `row in`), optionality, or a type
mismatch; those need Xcode.
"""
from __future__ import annotations

import pathlib
import re
import sys
from dataclasses import dataclass, field

import tree_sitter
import tree_sitter_swift

ROOT = pathlib.Path(__file__).resolve().parents[2]
GENERATED = "target/bindings/swift/wellbeing.swift"
DEFAULT_PATHS = ["ios/App", "ios/WellbeingKit", "bindings/swift"]
# Copies of the generated file inside the package are not the shell's code.
SKIP = ("ios/WellbeingKit/Sources/Wellbeing/",)

# Swift's own free functions the shell may call (lower case, no receiver).
SWIFT_FUNCTIONS = {"max", "min", "abs", "print", "zip", "stride", "precondition", "preconditionFailure",
                   "fatalError", "assert", "assertionFailure", "withExtendedLifetime", "type", "repeatElement",
                   "withTaskGroup", "withThrowingTaskGroup", "withCheckedContinuation", "withUnsafeBytes"}
# SwiftUI's `View` methods called on `self` inside `extension View` (no receiver written),
# and statements tree-sitter reads as calls.
SWIFTUI_SELF_CALLS = {"modifier", "defer"}
# The receivers that hold a `WellbeingStore`.
_STORE_RECEIVER = re.compile(r"(^|\.)store\??$")

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))


@dataclass
class Func:
    name: str
    labels: list[str]
    throws: bool
    static: bool = False


@dataclass
class Api:
    """What the generated Swift declares."""
    store_methods: dict[str, list[Func]] = field(default_factory=dict)
    store_statics: dict[str, list[Func]] = field(default_factory=dict)
    functions: dict[str, list[Func]] = field(default_factory=dict)
    # enum name -> case name -> labels of its associated values (None: no values)
    enums: dict[str, dict[str, list[str] | None]] = field(default_factory=dict)
    # struct name -> field names in order
    structs: dict[str, list[str]] = field(default_factory=dict)


def _children(node, *types):
    return [c for c in node.children if c.type in types]


def _name(node) -> str:
    n = node.child_by_field_name("name")
    return n.text.decode().strip("`") if n is not None else ""


def _is_public(node) -> bool:
    mods = _children(node, "modifiers")
    return bool(mods) and re.search(r"\b(public|open)\b", mods[0].text.decode()) is not None


def _is_static(node) -> bool:
    mods = _children(node, "modifiers")
    return bool(mods) and re.search(r"\b(static|class)\b", mods[0].text.decode()) is not None


def _func(node) -> Func:
    labels = []
    for p in _children(node, "parameter"):
        idents = [c for c in p.children if c.type == "simple_identifier" or c.text == b"_"]
        # `label name: T` has two; `name: T` one (its name is its label); `_ name: T` none.
        first = idents[0].text.decode() if idents else "_"
        labels.append("_" if first == "_" else first)
    throws = any(c.type == "throws" for c in node.children)
    name = "init" if node.type == "init_declaration" else _name(node)
    return Func(name, labels, throws, _is_static(node))


def read_api(src: bytes) -> Api:
    from check_swift import blank_documentation_conditionals

    api = Api()
    tree = PARSER.parse(blank_documentation_conditionals(src))
    for node in tree.root_node.children:
        if node.type == "function_declaration" and _is_public(node):
            f = _func(node)
            api.functions.setdefault(f.name, []).append(f)
        elif node.type == "class_declaration":
            kind = node.child_by_field_name("declaration_kind")
            kind = kind.text.decode() if kind is not None else ""
            name = _name(node)
            body = node.child_by_field_name("body")
            if body is None:
                continue
            if kind == "class" and name == "WellbeingStore":
                for m in _children(body, "function_declaration", "init_declaration"):
                    if not _is_public(m):
                        continue
                    f = _func(m)
                    target = api.store_statics if (f.static or f.name == "init") else api.store_methods
                    target.setdefault(f.name, []).append(f)
            elif kind == "enum" and _is_public(node):
                cases: dict[str, list[str] | None] = {}
                for entry in _children(body, "enum_entry"):
                    names = [c for c in entry.children if c.type == "simple_identifier"]
                    params = _children(entry, "enum_type_parameters")
                    labels = None
                    if params:
                        labels = [c.text.decode() for c in params[0].children if c.type == "simple_identifier"]
                    for n in names:
                        cases[n.text.decode().strip("`")] = labels
                api.enums[name] = cases
            elif kind == "struct" and _is_public(node):
                fields = []
                for prop in _children(body, "property_declaration"):
                    if _is_static(prop) or b"{" in prop.text:
                        continue
                    pat = prop.child_by_field_name("name")
                    if pat is not None:
                        fields.append(pat.text.decode())
                api.structs[name] = fields
    return api


# ---- the shell's side --------------------------------------------------------------------

@dataclass
class Shell:
    """What the shell declares itself."""
    functions: set[str] = field(default_factory=set)
    store_extension: dict[str, list[Func]] = field(default_factory=dict)
    # type name -> members the shell adds in `extension Type { … }`
    extension_members: dict[str, set[str]] = field(default_factory=dict)
    enum_cases: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)


def read_shell(trees: list) -> Shell:
    shell = Shell()
    for tree in trees:
        stack = [tree.root_node]
        while stack:
            node = stack.pop()
            if node.type in ("function_declaration", "protocol_function_declaration"):
                shell.functions.add(_name(node))
            elif node.type in ("property_declaration",):
                # A stored closure (`let load: () -> T`) is called like a function.
                pat = node.child_by_field_name("name")
                if pat is not None:
                    shell.functions.add(pat.text.decode())
            elif node.type == "parameter":
                for c in node.children:
                    if c.type == "simple_identifier":
                        shell.functions.add(c.text.decode())
            elif node.type == "enum_entry":
                for c in node.children:
                    if c.type == "simple_identifier":
                        shell.enum_cases.add(c.text.decode())
            elif node.type == "class_declaration":
                name = _name(node)
                kind = node.child_by_field_name("declaration_kind")
                if kind is not None and kind.text.decode() == "extension":
                    body = node.child_by_field_name("body")
                    members = shell.extension_members.setdefault(name, set())
                    for m in body.children if body is not None else []:
                        if m.type == "function_declaration":
                            members.add(_name(m))
                        elif m.type == "property_declaration" and m.child_by_field_name("name") is not None:
                            members.add(m.child_by_field_name("name").text.decode())
                    if name == "WellbeingStore":
                        for m in _children(body, "function_declaration") if body is not None else []:
                            f = _func(m)
                            shell.store_extension.setdefault(f.name, []).append(f)
                elif name:
                    shell.types.add(name)
            elif node.type in ("lambda_parameter",):
                shell.functions.add(node.text.decode().split(":")[0].strip())
            elif node.type == "pattern":
                for c in node.children:
                    if c.type == "simple_identifier":
                        shell.functions.add(c.text.decode())
            stack.extend(node.children)
    return shell


def _call_labels(call) -> list[str] | None:
    """The argument labels of a call (`_` for an unlabelled one); None with a trailing
    closure only (no parentheses), where labels cannot be told apart."""
    suffix = _children(call, "call_suffix")
    if not suffix:
        return None
    if suffix[0].text.startswith(b"["):
        return None  # a subscript, not a call
    args = _children(suffix[0], "value_arguments")
    labels = []
    if args:
        for a in _children(args[0], "value_argument"):
            lab = _children(a, "value_argument_label")
            labels.append(lab[0].text.decode() if lab else "_")
    # A trailing closure fills the last parameter.
    if _children(suffix[0], "lambda_literal", "annotated_lambda"):
        labels.append("{}")
    return labels


def _labels_match(given: list[str], f: Func) -> bool:
    if given and given[-1] == "{}":
        return given[:-1] == f.labels[: len(given) - 1] and len(given) == len(f.labels)
    return given == f.labels


def _in_try(node) -> bool:
    n = node.parent
    while n is not None and n.type not in ("lambda_literal", "statements", "function_body", "source_file"):
        if n.type == "try_expression":
            return True
        n = n.parent
    return False


def _declared_type(type_node) -> str | None:
    """`Step`, `Step?` or `Step!` as the plain type name; None for anything else."""
    while type_node is not None and type_node.type in ("optional_type", "implicitly_unwrapped_type"):
        type_node = type_node.children[0]
    if type_node is None or type_node.type != "user_type":
        return None
    return type_node.text.decode()


def typed_names(tree, structs: dict[str, list[str]]) -> dict[str, set[str]]:
    """Names declared in a file with a generated record's type: properties and parameters.
    A name also declared there with another type (`content: Content` beside `content:
    SafetyHelpNow?`) is left out: which one a use means needs a compiler."""
    names: dict[str, set[str]] = {}
    other: set[str] = set()
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        name = type_name = None
        if node.type == "property_declaration":
            pat = node.child_by_field_name("name")
            ann = _children(node, "type_annotation")
            if pat is not None and ann:
                types = [c for c in ann[0].children if c.type != ":"]
                name, type_name = pat.text.decode(), _declared_type(types[0] if types else None)
        elif node.type == "parameter":
            idents = [c for c in node.children if c.type == "simple_identifier"]
            types = [c for c in node.children if c.type in ("user_type", "optional_type", "implicitly_unwrapped_type")]
            if idents and types:
                name, type_name = idents[-1].text.decode(), _declared_type(types[0])
        if name and type_name in structs:
            names.setdefault(name, set()).add(type_name)
        elif name:
            other.add(name)
        stack.extend(node.children)
    return {n: t for n, t in names.items() if n not in other}


def _in_store_extension(node) -> bool:
    n = node.parent
    while n is not None:
        if n.type == "class_declaration":
            kind = n.child_by_field_name("declaration_kind")
            return kind is not None and kind.text == b"extension" and _name(n) == "WellbeingStore"
        n = n.parent
    return False


def _sig(f: Func) -> str:
    return f"{f.name}({''.join(l + ':' for l in f.labels)})"


def check_file(src: bytes, api: Api, shell: Shell) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    tree = PARSER.parse(src)

    def at(node, why):
        out.append((node.start_point[0] + 1, node.start_point[1] + 1, why))

    def check_call(node, name: str, candidates: list[Func], what: str):
        labels = _call_labels(node)
        if labels is None:
            return
        match = [f for f in candidates if _labels_match(labels, f)]
        if not match:
            sigs = ", ".join(_sig(f) for f in candidates)
            at(node, f"{what} {name}: called with labels ({', '.join(labels)}); the generated Swift has {sigs}")
        elif any(f.throws for f in match) and all(f.throws for f in match) and not _in_try(node):
            at(node, f"{what} {name} throws in the generated Swift: call it with try")

    generated_cases = {c: [e for e, cs in api.enums.items() if c in cs] for cs in api.enums.values() for c in cs}
    typed = typed_names(tree, api.structs)

    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            callee = node.children[0]
            if callee.type == "navigation_expression":
                target = callee.child_by_field_name("target")
                suffix = callee.child_by_field_name("suffix")
                name_node = suffix.child_by_field_name("suffix") if suffix is not None else None
                name = name_node.text.decode() if name_node is not None else ""
                tgt = target.text.decode() if target is not None else ""
                known = api.store_methods.get(name, []) + shell.store_extension.get(name, [])
                if tgt == "WellbeingStore":
                    if name in api.store_statics:
                        check_call(node, name, api.store_statics[name], "WellbeingStore.")
                    else:
                        at(node, f"WellbeingStore.{name} is not in the generated Swift")
                elif _STORE_RECEIVER.search(tgt):
                    if known:
                        check_call(node, name, known, "store method")
                    else:
                        at(node, f"store method {name} is not in the generated Swift")
                elif tgt == "$0" and known:
                    check_call(node, name, known, "store method")
            elif callee.type == "prefix_expression" and callee.text.decode().startswith("."):
                name = callee.text.decode()[1:]
                if name in generated_cases and name not in shell.enum_cases:
                    labels = _call_labels(node)
                    options = [api.enums[e][name] for e in generated_cases[name]]
                    if labels is not None and not any(o is not None and o == labels for o in options):
                        want = " or ".join(f".{name}({''.join(l + ':' for l in o)})" for o in options if o is not None)
                        at(node, f"enum case .{name} with labels ({', '.join(labels)}); the generated Swift has {want or '.' + name + ' with no values'}")
            elif callee.type == "simple_identifier":
                name = callee.text.decode()
                if _call_labels(node) is None and node.children[-1].text.startswith(b"["):
                    pass  # a subscript
                elif name[:1].islower() and _in_store_extension(node):
                    # `self` is the store: a bare call is one of its methods.
                    known = api.store_methods.get(name, []) + shell.store_extension.get(name, [])
                    if known:
                        check_call(node, name, known, "store method")
                    elif name not in shell.functions and name not in SWIFT_FUNCTIONS:
                        at(node, f"store method {name} is not in the generated Swift")
                elif name in api.structs:
                    labels = _call_labels(node)
                    if labels is not None and labels != api.structs[name]:
                        at(node, f"{name}(…) with labels ({', '.join(labels)}); the generated record's fields are ({', '.join(api.structs[name])})")
                elif name[:1].islower():
                    if name in api.functions:
                        check_call(node, name, api.functions[name], "function")
                    elif name not in shell.functions and name not in SWIFT_FUNCTIONS | SWIFTUI_SELF_CALLS:
                        at(node, f"function {name} is neither in the generated Swift nor declared in the shell")
        elif node.type == "navigation_expression":
            target = node.child_by_field_name("target")
            suffix = node.child_by_field_name("suffix")
            if target is not None and suffix is not None and target.type == "simple_identifier":
                tname = target.text.decode()
                member = suffix.text.decode().lstrip(".")
                if tname in api.enums and member not in api.enums[tname] and member not in ("allCases", "init"):
                    at(node, f"{tname}.{member} is not a case of the generated enum {tname}")
                elif tname in typed:
                    types = typed[tname]
                    known = set().union(*(set(api.structs[t]) | shell.extension_members.get(t, set()) for t in types))
                    if member not in known:
                        at(node, f"{tname}.{member}: no such field in the generated record {' or '.join(sorted(types))}")
        elif node.type == "switch_statement":
            check_switch(node, api, shell, at)
        stack.extend(node.children)
    return sorted(out)


def _pattern_case(pattern) -> tuple[str, int] | None:
    """`.name` or `let .name(a, b)` / `.name(let a, _)`: the case name and how many values
    it binds; None for anything else (a value, a type pattern)."""
    kids = list(pattern.children)
    for i, c in enumerate(kids):
        if c.type == "." and i + 1 < len(kids) and kids[i + 1].type == "simple_identifier":
            rest = kids[i + 2:]
            values = sum(1 for r in rest if r.type == "pattern")
            return kids[i + 1].text.decode(), values
        if c.type == "pattern":
            inner = _pattern_case(c)
            if inner is not None:
                return inner
    return None


def check_switch(node, api: Api, shell: Shell, at) -> None:
    entries = _children(node, "switch_entry")
    has_default = any(_children(e, "default_keyword") for e in entries)
    used: list[tuple[object, str, int]] = []
    for e in entries:
        for sp in _children(e, "switch_pattern"):
            for p in _children(sp, "pattern"):
                got = _pattern_case(p)
                if got is not None:
                    used.append((p, got[0], got[1]))
    if not used:
        return
    names = {n for _, n, _ in used}
    scored = sorted(((len(names & set(cs)), e) for e, cs in api.enums.items()), reverse=True)
    if not scored or scored[0][0] == 0:
        return
    best, enum = scored[0]
    # A switch over the shell's own enum that shares a case name or two is not ours to judge.
    own = names & shell.enum_cases
    if len(own) > best:
        return
    cases = api.enums[enum]
    for p, name, values in used:
        if name not in cases:
            at(p, f"case .{name} is not a case of the generated enum {enum}")
            continue
        arity = len(cases[name] or [])
        if values and values != arity:
            at(p, f"case .{name} of {enum} binds {values} values; the generated case has {arity}")
    missing = [c for c in cases if c not in names]
    if not has_default and missing:
        at(node, f"switch over {enum} misses {', '.join('.' + m for m in missing)} (no default)")


# ---- files -------------------------------------------------------------------------------

def swift_files(paths: list[str]) -> list[pathlib.Path]:
    from check_swift import swift_files as files

    return [f for f in files(paths) if not _rel(f).startswith(SKIP)]


def _rel(f: pathlib.Path) -> str:
    try:
        return f.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return f.as_posix()


def main(argv: list[str]) -> int:
    generated = ROOT / GENERATED
    paths: list[str] = []
    it = iter(argv)
    for a in it:
        if a == "--generated":
            generated = pathlib.Path(next(it))
        else:
            paths.append(a)
    if not generated.exists():
        print(f"check_api: {generated} is missing: run bindings/generate.sh first", file=sys.stderr)
        return 1
    api = read_api(generated.read_bytes())
    if not api.store_methods or not api.enums:
        print(f"check_api: read nothing from {generated}", file=sys.stderr)
        return 1
    files = swift_files(paths or DEFAULT_PATHS)
    sources = [(f, f.read_bytes()) for f in files]
    shell = read_shell([PARSER.parse(s) for _, s in sources])
    failed = 0
    for f, src in sources:
        problems = check_file(src, api, shell)
        for line, col, why in problems:
            print(f"{_rel(f)}:{line}:{col}: {why}")
        failed += bool(problems)
    print(f"swift api check: {len(files) - failed} passed, {failed} failed "
          f"(against {len(api.store_methods)} store methods, {len(api.functions)} functions, "
          f"{len(api.enums)} enums, {len(api.structs)} records)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
