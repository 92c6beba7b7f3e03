"""Tests of check_swift.py: each planted fixture fails with the rule it breaks, and shell-shaped
code, the generated-bindings shape and the project's own Swift pass.

    python3 ios/check/test_check_swift.py
"""
from __future__ import annotations

import contextlib
import io
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_swift  # noqa: E402

FIXTURES = HERE / "fixtures"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = check_swift.main(list(args))
    return code, out.getvalue()


class Syntax(unittest.TestCase):
    def test_a_planted_syntax_error_fails_with_its_position(self):
        code, out = run("--syntax-only", str(FIXTURES / "broken_syntax.swift"))
        self.assertEqual(code, 1)
        self.assertRegex(out, r"broken_syntax\.swift:\d+:\d+: syntax:")
        self.assertIn("0 passed, 1 failed", out)

    def test_the_documentation_conditional_is_accepted(self):
        code, out = run("--syntax-only", str(FIXTURES / "documentation_conditional.swift"))
        self.assertEqual(code, 0, out)

    def test_tree_sitter_alone_misparses_that_shape(self):
        """The limit the workaround exists for: without blanking, the same file has errors.
        If a tree-sitter-swift upgrade fixes it, this fails and the workaround can go."""
        src = (FIXTURES / "documentation_conditional.swift").read_bytes()
        tree = check_swift.PARSER.parse(src)
        self.assertTrue(tree.root_node.has_error)

    def test_blanking_does_not_hide_a_real_error_in_the_same_file(self):
        code, out = run("--syntax-only", str(FIXTURES / "documentation_conditional_broken.swift"))
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r":6:\d+: syntax:")

    def test_blanking_keeps_line_numbers_and_the_attribute(self):
        src = (FIXTURES / "documentation_conditional.swift").read_bytes()
        blanked = check_swift.blank_documentation_conditionals(src)
        self.assertEqual(src.count(b"\n"), blanked.count(b"\n"))
        self.assertIn(b"@_documentation(visibility: private)", blanked)
        self.assertNotIn(b"#if swift", blanked)


class Content(unittest.TestCase):
    def assert_caught(self, fixture: str, rule: str):
        code, out = run("--content-only", str(FIXTURES / fixture))
        self.assertEqual(code, 1, f"{fixture} passed the check:\n{out}")
        self.assertIn(rule, out)

    def test_a_planted_label_is_caught(self):
        self.assert_caught("planted_text.swift", "user-facing text")

    def test_a_planted_one_word_label_is_caught(self):
        self.assert_caught("planted_word.swift", "user-facing text")

    def test_a_planted_lower_case_label_in_a_swiftui_call_is_caught(self):
        code, out = run("--content-only", str(FIXTURES / "planted_lowercase_label.swift"))
        self.assertEqual(code, 1, out)
        self.assertIn("'save'", out)
        self.assertIn("'home'", out)

    def test_a_planted_crisis_number_in_a_string_is_caught(self):
        self.assert_caught("planted_crisis_number.swift", "crisis number")

    def test_a_planted_emergency_number_literal_is_caught(self):
        self.assert_caught("planted_crisis_literal.swift", "crisis number")

    def test_a_planted_threshold_is_caught(self):
        self.assert_caught("planted_threshold.swift", "threshold")

    def test_a_planted_sum_of_answers_is_caught(self):
        self.assert_caught("planted_sum.swift", "summing")

    def test_a_planted_band_table_is_caught(self):
        self.assert_caught("planted_band_case.swift", "number range")

    def test_planted_score_arithmetic_is_caught(self):
        self.assert_caught("planted_score_arithmetic.swift", "arithmetic on a score")

    def test_shell_shaped_code_passes(self):
        code, out = run(str(FIXTURES / "clean.swift"))
        self.assertEqual(code, 0, out)

    def test_words_are_told_from_symbols_and_keys(self):
        for text in ("Save", "Help now", "Nothing stored yet.", "Cancel"):
            self.assertTrue(check_swift.is_wording(text), text)
        for text in ("heart.text.square", "exclamationmark.triangle.fill", "flowId", "h", "reminder-check-in",
                     "wellbeing.sqlite", "", "%d", "HH:mm"):
            self.assertFalse(check_swift.is_wording(text), text)


class Project(unittest.TestCase):
    def test_the_project_swift_passes_both_checks(self):
        """The real run (what scripts/test.sh calls): app, package, tests, scenario runner and
        the generated bindings, which must have been generated first."""
        generated = check_swift.ROOT / "target/bindings/swift/wellbeing.swift"
        if not generated.exists():
            self.fail("target/bindings/swift/wellbeing.swift is missing: run bindings/generate.sh first")
        checked = check_swift.swift_files(check_swift.DEFAULT_PATHS)
        self.assertIn(generated, checked)
        self.assertTrue(any("/ios/App/" in f.as_posix() for f in checked))
        code, out = run()
        self.assertEqual(code, 0, out)
        self.assertIn(f"{len(checked)} passed, 0 failed", out)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print(f"swift-check: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
