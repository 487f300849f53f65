"""The question navigation: one link per question, with its state in the class and in words."""
from lms.assessment.engine import SlotState
from lms.assessment.question_nav import render


def test_links_marks_and_words():
    html = str(render([SlotState(1, True, False), SlotState(2, False, True), SlotState(3, True, True)], 2,
                      "/attempts/7/q/"))
    items = html.split("\n")
    assert len(items) == 3
    assert items[0] == ('<li><a href="/attempts/7/q/1" class="qnav answered">1'
                        '<span class="visually-hidden">, answered</span></a></li>')
    assert 'class="qnav flagged" aria-current="step">2' in items[1] and ", not answered, flagged" in items[1]
    assert 'class="qnav answered flagged">3' in items[2] and 'aria-current' not in items[2]


def test_the_base_address_is_escaped():
    assert '/q/&#34;&gt;1' in str(render([SlotState(1, False, False)], 1, '/q/">'))
