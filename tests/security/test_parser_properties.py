"""Any input to the native parsers (course.yml, module front matter, question files) gives a result or a
clear file:line problem, never an unhandled exception."""
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.assessment import bank
from lms.blueprint import load
from lms.content.loader import load_tree
from tests.content.conftest import COURSE_YML, MODULE

BLUEPRINT = load()
YAMLISH = st.text(alphabet=st.sampled_from(list("abc:- []{}'\"#|>\n\t0123456789!&*%@`,?")), max_size=300)
FUZZ = st.one_of(st.text(max_size=300), YAMLISH,
                 st.builds(lambda a, b: COURSE_YML[: len(COURSE_YML) * a // 100] + b, st.integers(0, 100), YAMLISH))


def _loads(course_yml: str, module: str) -> None:
    with TemporaryDirectory() as tmp:
        folder = Path(tmp) / "c"
        folder.mkdir()
        (folder / "course.yml").write_text(course_yml)
        (folder / "01-m.md").write_text(module)
        specs, problems = load_tree(Path(tmp), BLUEPRINT)
        for problem in problems:
            assert problem.line >= 1 and str(problem).startswith(str(Path(tmp)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FUZZ)
def test_course_yml_never_crashes(text):
    _loads(text, MODULE.format(title="T", extra=""))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, st.text(max_size=300)), st.text(max_size=200))
def test_front_matter_never_crashes(front, body):
    _loads(COURSE_YML, f"---\n{front}\n---\n{body}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, st.text(max_size=400),
                 st.builds(lambda t: "questions:\n  - id: x-1\n    " + t, YAMLISH)))
def test_question_files_never_crash(text):
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "q.yml"
        path.write_text(text)
        questions, problems = bank.load_file(path, BLUEPRINT)
        assert all(p.line >= 1 for p in problems)
