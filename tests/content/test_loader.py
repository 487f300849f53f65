from lms.blueprint import load
from lms.content.loader import load_tree
from tests.content.conftest import COURSE_YML, MODULE, write_course

BP = load()


def problems_for(root):
    specs, problems = load_tree(root, BP)
    return [str(p) for p in problems]


def test_valid_tree_loads(tree):
    specs, problems = load_tree(tree, BP)
    assert problems == []
    assert [m.slug for m in specs[0].modules] == ["spindles", "tendons"]
    assert specs[0].word_count > 10


def test_missing_field_names_file_and_line(tmp_path):
    write_course(tmp_path, course_yml=COURSE_YML.replace("audience: Students.\n", ""))
    assert problems_for(tmp_path) == [f"{tmp_path}/kin/course.yml:1: course.yml: missing required key 'audience'"]


def test_unknown_key_is_reported_on_its_line(tmp_path):
    write_course(tmp_path, course_yml=COURSE_YML + "colour: blue\n")
    assert f"{tmp_path}/kin/course.yml:8: course.yml: unknown key 'colour'" in problems_for(tmp_path)


def test_bad_yaml_gives_its_line(tmp_path):
    write_course(tmp_path, course_yml=COURSE_YML.replace("kind: exam-prep", "kind: [exam-prep"))
    found = problems_for(tmp_path)
    assert len(found) == 1 and "bad YAML" in found[0] and ":4:" in found[0] or ":5:" in found[0]


def test_unknown_exam_domain(tmp_path):
    write_course(tmp_path, course_yml=COURSE_YML.replace("[kinesiology]", "[astrology]"))
    assert f"{tmp_path}/kin/course.yml:4: unknown exam domain 'astrology'" in problems_for(tmp_path)


def test_front_matter_errors_count_lines_from_the_file_start(tmp_path):
    module = MODULE.format(title="X", extra="").replace("minutes: 5", "minutes: 5\nauthor: me")
    write_course(tmp_path, modules={"01-x": module})
    assert f"{tmp_path}/kin/01-x.md:4: front matter: unknown key 'author'" in problems_for(tmp_path)


def test_unknown_subtopic(tmp_path):
    write_course(tmp_path, modules={"01-x": MODULE.format(title="X", extra="").replace("[proprioceptors]", "[auras]")})
    assert f"{tmp_path}/kin/01-x.md:4: unknown sub-topic 'auras' for this course's exam domains" in problems_for(tmp_path)


def test_duplicate_module_name(tmp_path):
    text = MODULE.format(title="X", extra="")
    write_course(tmp_path, modules={"01-x": text, "02-x": text})
    assert f"{tmp_path}/kin/02-x.md:1: duplicate module name 'x' (also 01-x.md)" in problems_for(tmp_path)


def test_broken_link_and_missing_image_give_body_lines(tmp_path):
    extra = "\n\nSee [gone](03-gone.md).\n\n![diagram](images/none.png)\n\n![escape](../../etc/passwd.png)"
    write_course(tmp_path, modules={"01-x": MODULE.format(title="X", extra=extra)})
    found = problems_for(tmp_path)
    assert f"{tmp_path}/kin/01-x.md:15: broken link to another module: 03-gone.md" in found
    assert f"{tmp_path}/kin/01-x.md:17: missing image: images/none.png" in found
    assert f"{tmp_path}/kin/01-x.md:19: missing image: ../../etc/passwd.png" in found


def test_bad_module_file_name(tmp_path):
    write_course(tmp_path, modules={"intro": MODULE.format(title="X", extra="")})
    assert any("NN-name.md" in p for p in problems_for(tmp_path))


def test_ce_hours_beyond_reading_and_post_test_are_refused(tmp_path):
    ce = COURSE_YML.replace("exam-prep", "ce") + (
        "ce:\n  hours: 2\n  categories: [ethics]\n  delivery: home-study\n"
        "post_test:\n  items: 10\n  pass_mark: 70\n  attempts: 3\n  time_limit_minutes: 20\n  minutes_per_item: 1.5\n")
    write_course(tmp_path, course_yml=ce)
    found = problems_for(tmp_path)
    assert len(found) == 1 and "2 CE hours stated" in found[0] and "support only 0.25 h" in found[0]


def test_post_test_options_are_checked(tmp_path):
    ce = COURSE_YML.replace("exam-prep", "ce") + (
        "ce:\n  hours: 0.25\n  categories: [ethics]\n  delivery: home-study\n"
        "post_test:\n  items: 10\n  pass_mark: 70\n  attempts: 3\n  time_limit_minutes: 20\n  minutes_per_item: 1.5\n"
        "  feedback: sometimes\n  shuffle_choices: yes\n")
    write_course(tmp_path, course_yml=ce)
    found = problems_for(tmp_path)
    assert found == [f"{tmp_path}/kin/course.yml:12: post_test: 'feedback' must be one of deferred, immediate"]
