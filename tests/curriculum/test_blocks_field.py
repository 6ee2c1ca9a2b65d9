"""``blocks: true`` (the editor offers Blockly blocks): micro:bit lessons of grades 3-5 only."""
from kodefag.curriculum.loader import load_curriculum
from tests.curriculum.test_rules import microbit_lesson, problems_of


def test_blocks_are_offered_for_a_grade_4_microbit_lesson(mini):
    mini.write_grade(4, [{**microbit_lesson(mini), "blocks": True}])
    assert problems_of(mini.root) == []


def test_blocks_are_refused_above_grade_5_and_for_other_kinds(mini):
    mini.write_grade(7, [{**microbit_lesson(mini), "blocks": True}])
    assert any("blokke (blocks: true) er til 3.-5. klasse, ikke 7. klasse" in p for p in problems_of(mini.root))
    unplugged = {**mini.unplugged("g4-tegn", ["handleevne-mellemtrin-2"]), "blocks": True}
    mini.write_grade(7, [])
    mini.write_grade(4, [unplugged])
    assert any("blokke (blocks: true) findes kun til micro:bit-lektioner" in p for p in problems_of(mini.root))


def test_the_grade_3_lesson_and_a_grade_4_lesson_offer_blocks():
    curriculum = load_curriculum()
    offered = {a.id: a.grade for a in curriculum.activities() if a.blocks}
    assert offered.get("mb-navneskilt") == 3 and 4 in offered.values()
