#!/usr/bin/env python3
"""The checks the iOS shell gets on a machine without a Swift compiler.

    python3 ios/check/check_swift.py [--syntax-only | --content-only] [PATH ...]

With no PATH it checks the project's Swift: the app (`ios/App`), the package
(`ios/WellbeingKit`, its sources and tests), the Swift scenario runner (`bindings/swift`) and
the generated bindings (`target/bindings/swift/wellbeing.swift`, which must exist: run
`bindings/generate.sh` first). Exit status 1 when any file fails, with `file:line:col: why`.

1. **Syntax**: every file parses with tree-sitter-swift (PyPI `tree-sitter-swift`, pinned in
   `scripts/setup.sh`) with no ERROR or MISSING node. This catches what a compiler's parser
   would reject first (unbalanced braces, a broken expression); it is not type checking:
   a wrong method name or argument label still needs Xcode.

   Known limit of tree-sitter-swift 0.7.4, handled here: it misparses an attribute wrapped in
   a compiler conditional, which uniffi 0.32's generated Swift uses several times:

       #if swift(>=5.8)
       @_documentation(visibility: private)
       #endif

   For exactly that three-line shape the `#if` and `#endif` lines are blanked before parsing
   (the attribute itself stays, and line numbers are kept). Nothing else is rewritten, so any
   other syntax error in the generated file still fails the check.

2. **Content** (the shell's own sources, not the generated bindings): the shell holds no
   user-facing text, no crisis numbers and no scoring; all three come from the core.
   - *text*: a string literal with English words in it (two words with a space between, or a
     capitalised word such as "Save"). Allowed: SF Symbol names (`heart.text.square`),
     identifiers and keys (`flowId`, `reminder-check-in`, `h`), and ALLOWED_TEXT below,
     each with its reason; but any letters at all in a string handed straight to a SwiftUI
     call that shows text (`Text("save")`, `.navigationTitle("home")`) are wording. Test sources may hold the person's own words as test answers,
     so for them this rule is off; the other two apply.
     `Package.swift` manifests are exempt from this rule too (target and product names).
   - *crisis numbers*: 999, 111, 112, 116 123 or any run of five or more digits (with or
     without spaces) in a string or number literal: phone numbers come from
     `CrisisContact.ways`.
   - *scoring*: a comparison against a number literal of 2 or more (a threshold; 0, 1 and
     tolerances such as 1e-6 are not), a
     range case over number literals (`case 10...14`), summing with `reduce`, or arithmetic
     or comparison on a name that says score, total, band, severity or threshold.
"""
from __future__ import annotations

import pathlib
import re
import sys

import tree_sitter
import tree_sitter_swift

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_PATHS = ["ios/App", "ios/WellbeingKit", "bindings/swift", "target/bindings/swift/wellbeing.swift"]
# Generated code is not the shell's: it is parsed, never content-checked.
GENERATED = ("target/", "ios/WellbeingKit/Sources/Wellbeing/", "bindings/swift/Generated/")
# Folders that hold test code: the text rule is off there (answers typed in tests are the
# person's words, not the shell's wording).
TEST_DIRS = ("/Tests/",)

# Literals that look like words but are not wording, each with its reason.
ALLOWED_TEXT: dict[str, str] = {
}

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))

_IF_SWIFT = re.compile(rb"^\s*#if swift\(>=5\.8\)\s*$")
_DOC_ATTR = re.compile(rb"^\s*@_documentation\(visibility: private\)\s*$")
_ENDIF = re.compile(rb"^\s*#endif\s*$")


def blank_documentation_conditionals(src: bytes) -> bytes:
    """Blank the `#if swift(>=5.8)` / `#endif` lines around a lone `@_documentation`
    attribute (the tree-sitter-swift 0.7.4 limit described above); nothing else."""
    lines = src.split(b"\n")
    for i in range(len(lines) - 2):
        if _IF_SWIFT.match(lines[i]) and _DOC_ATTR.match(lines[i + 1]) and _ENDIF.match(lines[i + 2]):
            lines[i] = b""
            lines[i + 2] = b""
    return b"\n".join(lines)


def syntax_errors(src: bytes) -> list[tuple[int, int, str]]:
    tree = PARSER.parse(blank_documentation_conditionals(src))
    out: list[tuple[int, int, str]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            what = f"missing {node.type}" if node.is_missing else "unexpected syntax"
            out.append((node.start_point[0] + 1, node.start_point[1] + 1, f"syntax: {what}"))
            continue
        stack.extend(reversed(node.children))
    return sorted(out)


# ---- content ---------------------------------------------------------------------------

_SF_SYMBOL = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+)+$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*([.\-:/][A-Za-z0-9_]+)*$")
_TWO_WORDS = re.compile(r"[A-Za-z]{2,}[\s\u00a0]+[A-Za-z]{2,}")
_CAPITALISED_WORD = re.compile(r"^[A-Z][a-z]{2,}[.!?…:]*$")
_CRISIS_TEXT = re.compile(r"(?<!\d)(999|111|112|116[\s-]?123)(?!\d)|\d(?:[\s-]?\d){4,}")
_SCORE_NAME = re.compile(r"score|total|band|severity|threshold", re.I)
_COMPARISON = {"<", "<=", ">", ">="}
_NUMBER_TYPES = {"integer_literal", "real_literal", "hex_literal", "bin_literal", "oct_literal"}
_STRING_TYPES = {"line_string_literal", "multi_line_string_literal", "raw_string_literal"}
# SwiftUI calls whose unlabelled (or `verbatim:`) string argument is shown to the person: any
# letters there are wording, even one lower-case word.
_UI_TEXT_CALLS = {"Text", "Button", "Label", "Link", "Toggle", "Picker", "Menu", "Section", "TextField",
                  "SecureField", "LabeledContent", "Stepper", "DatePicker", "ShareLink", "ContentUnavailableView",
                  "navigationTitle", "confirmationDialog", "alert", "accessibilityLabel", "accessibilityHint",
                  "accessibilityValue", "help", "badge"}
_LETTERS = re.compile(r"[A-Za-z]")


def _shown_literal(node) -> bool:
    """A string literal passed, unlabelled or as `verbatim:`, to a call that shows text."""
    arg = node.parent
    if arg is None or arg.type != "value_argument":
        return False
    label = next((c for c in arg.children if c.type == "value_argument_label"), None)
    if label is not None and label.text.decode() != "verbatim":
        return False
    call = arg.parent.parent if arg.parent is not None else None
    if call is None or call.type != "call_suffix" or call.parent is None:
        return False
    callee = call.parent.children[0]
    name = callee.text.decode().rsplit(".", 1)[-1]
    return name in _UI_TEXT_CALLS


def _literal_text(node) -> str:
    """The literal's own characters, with interpolations left out."""
    if node.type == "raw_string_literal":
        return node.text.decode().strip("#").strip('"')
    parts = [c.text.decode() for c in node.children if c.type in ("line_str_text", "multi_line_str_text", "str_escaped_char")]
    return "".join(parts)


def is_wording(text: str) -> bool:
    t = text.strip()
    if not t or t in ALLOWED_TEXT:
        return False
    if _SF_SYMBOL.match(t) or (_IDENTIFIER.match(t) and not _CAPITALISED_WORD.match(t)):
        return False
    return bool(_TWO_WORDS.search(t) or _CAPITALISED_WORD.match(t))


def _number_value(node) -> float | None:
    if node.type not in _NUMBER_TYPES:
        return None
    try:
        return float(int(node.text.decode().replace("_", ""), 0)) if node.type != "real_literal" else float(node.text.decode().replace("_", ""))
    except ValueError:
        return None


def _operator(node) -> str | None:
    for c in node.children:
        if c.type in _COMPARISON or (c.type == "custom_operator" and c.text.decode() in _COMPARISON):
            return c.text.decode() if c.type == "custom_operator" else c.type
    return None


def content_problems(src: bytes, words_off: bool) -> list[tuple[int, int, str]]:
    tree = PARSER.parse(src)
    out: list[tuple[int, int, str]] = []

    def at(node, why):
        out.append((node.start_point[0] + 1, node.start_point[1] + 1, why))

    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        t = node.type
        if t in _STRING_TYPES:
            text = _literal_text(node)
            if _CRISIS_TEXT.search(text):
                at(node, f"crisis number or phone-like digits in a string: {text!r} (contacts come from the core)")
            elif not words_off and (is_wording(text) or (_shown_literal(node) and _LETTERS.search(text))):
                at(node, f"user-facing text in the shell: {text!r} (wording comes from the core's shell_text)")
        elif t in _NUMBER_TYPES:
            digits = node.text.decode().replace("_", "")
            if digits in ("999", "111", "112", "116123") or (digits.isdigit() and len(digits) >= 5):
                at(node, f"crisis number or phone-like number literal: {node.text.decode()}")
        elif t in ("comparison_expression", "infix_expression") and _operator(node):
            nums = [v for v in map(_number_value, node.children) if v is not None]
            if any(abs(v) >= 2 for v in nums):
                at(node, f"threshold: comparison with a number ({node.text.decode()!r}); bands come from the core")
            elif _SCORE_NAME.search(node.text.decode()):
                at(node, f"scoring: comparison on a score ({node.text.decode()!r})")
        elif t == "range_expression" and sum(_number_value(c) is not None for c in node.children) == 2 \
                and node.parent is not None and node.parent.type == "pattern":
            at(node, f"scoring: a case over a number range ({node.text.decode()!r})")
        elif t in ("additive_expression", "multiplicative_expression") and _SCORE_NAME.search(node.text.decode()):
            at(node, f"scoring: arithmetic on a score ({node.text.decode()!r})")
        elif t == "navigation_suffix" and node.text.decode() in (".reduce", ".sum"):
            at(node, f"scoring: summing values ({node.parent.parent.text.decode()[:60]!r})")
        stack.extend(reversed(node.children))
    return sorted(out)


# ---- files -----------------------------------------------------------------------------

def swift_files(paths: list[str]) -> list[pathlib.Path]:
    files: list[pathlib.Path] = []
    for p in paths:
        path = (ROOT / p) if not pathlib.Path(p).is_absolute() else pathlib.Path(p)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(f for f in sorted(path.rglob("*.swift")) if ".build" not in f.parts)
        else:
            raise SystemExit(f"check_swift: {p} does not exist (run bindings/generate.sh for the generated bindings)")
    return files


def _rel(f: pathlib.Path) -> str:
    try:
        return f.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return f.as_posix()


def main(argv: list[str]) -> int:
    syntax = "--content-only" not in argv
    content = "--syntax-only" not in argv
    paths = [a for a in argv if not a.startswith("--")] or DEFAULT_PATHS
    files = swift_files(paths)
    if not files:
        print("check_swift: no Swift files found", file=sys.stderr)
        return 1
    failed = 0
    for f in files:
        rel = _rel(f)
        src = f.read_bytes()
        problems = syntax_errors(src) if syntax else []
        if content and not rel.startswith(GENERATED):
            # Manifests name targets and paths; test sources type the person's words.
            words_off = f.name == "Package.swift" or any(d in "/" + rel for d in TEST_DIRS)
            problems += content_problems(src, words_off)
        for line, col, why in problems:
            print(f"{rel}:{line}:{col}: {why}")
        failed += bool(problems)
    print(f"swift check: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
