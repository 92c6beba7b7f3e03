"""Tests of check_api.py: each planted drift against a small stand-in of the generated Swift
fails with its reason, code that uses the stand-in as declared passes, and the project's
shell passes against the bindings generated from the core.

    python3 ios/check/test_check_api.py
"""
from __future__ import annotations

import contextlib
import io
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_api  # noqa: E402

API = HERE / "fixtures" / "api"
STAND_IN = API / "generated.swift"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = check_api.main(list(args))
    return code, out.getvalue()


class Planted(unittest.TestCase):
    def assert_caught(self, fixture: str, *reasons: str):
        code, out = run("--generated", str(STAND_IN), str(API / fixture))
        self.assertEqual(code, 1, f"{fixture} passed the check:\n{out}")
        for reason in reasons:
            self.assertIn(reason, out)
        self.assertRegex(out, rf"{fixture}:\d+:\d+: ")

    def test_code_that_uses_the_generated_names_as_declared_passes(self):
        code, out = run("--generated", str(STAND_IN), str(API / "clean.swift"))
        self.assertEqual(code, 0, out)
        self.assertIn("1 passed, 0 failed", out)

    def test_a_renamed_argument_label_is_caught(self):
        self.assert_caught("drift_label.swift", "startFlow: called with labels (toolId, subjectId)",
                           "startFlow(tool:subjectId:)")

    def test_a_store_method_the_core_does_not_have_is_caught(self):
        self.assert_caught("drift_method.swift", "store method beginFlow is not in the generated Swift")

    def test_a_throwing_call_without_try_is_caught(self):
        self.assert_caught("drift_try.swift", "startFlow throws")

    def test_a_free_function_with_a_wrong_label_or_not_there_is_caught(self):
        self.assert_caught("drift_function.swift", "helpNowWithoutStore(dbPath:)", "function helpNowOffline is neither")

    def test_a_constructor_the_core_does_not_have_is_caught(self):
        self.assert_caught("drift_static.swift", "WellbeingStore.openPlain is not in the generated Swift")

    def test_a_switch_missing_a_case_with_no_default_is_caught(self):
        self.assert_caught("drift_switch_missing.swift", "switch over NavAction misses .week")

    def test_a_switch_naming_a_case_not_there_or_binding_too_few_values_is_caught(self):
        self.assert_caught("drift_switch_case.swift", "case .settings is not a case of the generated enum NavAction",
                           "binds 1 values; the generated case has 2")

    def test_an_enum_value_with_wrong_labels_is_caught(self):
        self.assert_caught("drift_case_labels.swift", ".startTool with labels (tool)")

    def test_a_qualified_case_not_there_is_caught(self):
        self.assert_caught("drift_enum_member.swift", "ToolId.gad7 is not a case")

    def test_a_field_the_generated_record_does_not_have_is_caught(self):
        self.assert_caught("drift_field.swift", "matrix.quietZone: no such field in the generated record QrMatrix")

    def test_a_record_built_with_fields_it_does_not_have_is_caught(self):
        self.assert_caught("drift_record.swift", "the generated record's fields are (size, modules)")


class Reading(unittest.TestCase):
    def test_the_stand_in_is_read_like_the_generated_file(self):
        api = check_api.read_api(STAND_IN.read_bytes())
        self.assertEqual(sorted(api.store_statics), ["open", "openInMemory"], "backticks are dropped")
        self.assertEqual(api.store_methods["startFlow"][0].labels, ["tool", "subjectId"])
        self.assertTrue(api.store_methods["startFlow"][0].throws)
        self.assertFalse(api.store_methods["listTools"][0].throws)
        self.assertEqual(api.enums["NavAction"], {"startTool": ["tool", "subjectId"], "helpNow": None, "week": None})
        self.assertIn("continue", api.enums["Answer"])
        self.assertEqual(api.structs["QrMatrix"], ["size", "modules"])


class Project(unittest.TestCase):
    def test_the_shell_matches_the_bindings_generated_from_the_core(self):
        """What scripts/test.sh runs: the app and the package against the generated file."""
        generated = check_api.ROOT / check_api.GENERATED
        if not generated.exists():
            self.fail(f"{check_api.GENERATED} is missing: run bindings/generate.sh first")
        api = check_api.read_api(generated.read_bytes())
        # The real file is read, not skimmed: the calls and enums the shell lives on are there.
        for method in ("home", "startFlow", "answerFlow", "saveFlow", "records", "editRecord", "deleteRecord",
                       "connectionsView", "profile", "setProfile", "lockSettings", "setLockSettings",
                       "unlockWithPasscode", "unlockWithKey", "changeStoreKey", "isEncrypted"):
            self.assertIn(method, api.store_methods, method)
        self.assertIn("openEncrypted", api.store_statics)
        self.assertIn("helpNowWithoutStore", api.functions)
        self.assertIn("settings", api.enums["NavAction"])
        code, out = run()
        self.assertEqual(code, 0, out)
        self.assertIn(" 0 failed", out)


class FaceIdReason(unittest.TestCase):
    def test_the_face_id_usage_text_in_project_yml_is_the_cores_own_words(self):
        """Info.plist's NSFaceIDUsageDescription is read by iOS before the app runs; it must
        say what the core's lock screen says the prompt is for."""
        import json
        import re

        words = json.loads((check_api.ROOT / "core/content/en-GB/settings.json").read_text(encoding="utf-8"))
        yml = (check_api.ROOT / "ios/project.yml").read_text(encoding="utf-8")
        found = re.search(r"^\s*NSFaceIDUsageDescription:\s*(.+?)\s*$", yml, re.M)
        self.assertIsNotNone(found, "project.yml has no NSFaceIDUsageDescription")
        self.assertEqual(found.group(1), words["lock_screen_biometric_reason"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print(f"swift-api-check: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
