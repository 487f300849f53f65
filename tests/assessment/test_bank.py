from pathlib import Path

from sqlalchemy import func, select

from lms.assessment import bank, banksync, importing
from lms.blueprint import load
from lms.assessment.models import Question, QuestionVersion

GOOD = """questions:
  - id: kin-p-001
    domain: kinesiology
    topic: proprioceptors
    type: single
    difficulty: 2
    stem: Which receptor detects stretch?
    choices:
      - text: Muscle spindle
        correct: true
      - text: Golgi tendon organ
      - text: Pacinian corpuscle
      - text: Merkel disc
    rationale: Spindles sense stretch.
    references: ["OpenStax A&P 2e 14.1"]
"""


def write(tmp_path: Path, text: str, name: str = "kin.yml") -> Path:
    root = tmp_path / "bank"
    (root / "kinesiology").mkdir(parents=True, exist_ok=True)
    (root / "kinesiology" / name).write_text(text)
    return root


def problems(root):
    return [str(p) for p in bank.load_tree(root, load())[1]]


def test_valid_file(tmp_path):
    questions, found = bank.load_tree(write(tmp_path, GOOD), load())
    assert found == [] and questions[0].id == "kin-p-001" and questions[0].line == 2


def test_errors_name_file_and_line(tmp_path):
    root = write(tmp_path, GOOD.replace("topic: proprioceptors", "topic: auras").replace("difficulty: 2", "difficulty: 9"))
    path = root / "kinesiology" / "kin.yml"
    assert f"{path}:4: question 'kin-p-001': unknown topic 'auras' for kinesiology" in problems(root)
    assert f"{path}:6: question 'kin-p-001': difficulty must be 1, 2 or 3" in problems(root)


def test_no_key_and_unknown_field(tmp_path):
    root = write(tmp_path, GOOD.replace("        correct: true\n", "").replace("    difficulty: 2\n",
                                                                                 "    difficulty: 2\n    colour: red\n"))
    found = problems(root)
    assert any(":7: question 'kin-p-001': unknown key 'colour'" in p for p in found)
    root = write(tmp_path, GOOD.replace("        correct: true\n", ""), "b.yml")
    assert any("exactly one correct choice" in p and "b.yml:5:" in p for p in problems(root))


def test_duplicate_ids_across_files(tmp_path):
    root = write(tmp_path, GOOD)
    write(tmp_path, GOOD, "again.yml")
    assert any("duplicate id 'kin-p-001'" in p for p in problems(root))


def test_bad_yaml_line(tmp_path):
    root = write(tmp_path, GOOD.replace("    stem: Which", "    stem: [Which"))
    assert any("bad YAML" in p for p in problems(root))


def test_sync_versions_and_retires(session, tmp_path):
    root = write(tmp_path, GOOD)
    questions, _ = bank.load_tree(root, load())
    assert banksync.apply(session, questions).added == ["kin-p-001"]
    assert not banksync.apply(session, questions).has_changes
    changed, _ = bank.load_tree(write(tmp_path, GOOD.replace("sense stretch", "sense stretch and its rate")), load())
    assert banksync.apply(session, changed).changed == ["kin-p-001"]
    assert session.scalar(select(func.count()).select_from(QuestionVersion)) == 2
    assert banksync.apply(session, []).retired == ["kin-p-001"]
    assert session.scalar(select(Question)).retired_at is not None


def test_gift_import_then_export_round_trip(session):
    gift = ("::q1:: Which receptor detects stretch? {=Muscle spindle ~Golgi tendon organ ~Merkel disc}\n\n"
            "::q2:: Describe massage history. {}\n")
    preview = importing.preview(gift, "gift", load(), "kinesiology", "proprioceptors")
    assert [q.id for q in preview.questions] == ["q1"] and preview.skipped[0].line == 3
    importing.save(session, preview, "class.gift")
    exported = importing.export(session, "gift", domain="kinesiology")
    again = importing.preview(exported, "gift", load())
    assert again.ok and again.questions[0].choices == preview.questions[0].choices
    xml = importing.export(session, "moodlexml")
    assert importing.preview(xml, "moodlexml", load()).questions[0].domain == "kinesiology"


def test_cli_import_reports_skipped_lines(app, tmp_path):
    source = tmp_path / "quiz.gift"
    source.write_text("::q1:: 2+2? {=four ~five}\n\n::essay:: Write an essay. {}\n")
    result = app.test_cli_runner().invoke(args=["questions", "import", str(source), "--format", "gift", "--domain",
                                          "kinesiology", "--topic", "proprioceptors"])
    assert result.exit_code == 0, result.output
    assert f"{source}:3: skipped" in result.output and "questions added: 1" in result.output
