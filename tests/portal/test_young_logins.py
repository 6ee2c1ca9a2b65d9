"""QR login cards, picture codes and read-aloud below the hub: database (SQLite and PostgreSQL), PDF, CLI."""
import datetime as dt
import io
import wave

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from kodefag.curriculum.loader import cached_curriculum
from kodefag.teacher_portal import login_cards, picture_login
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.login_cards_pdf import print_cards
from kodefag.teacher_portal.login_throttle import ADDRESS_BLOCKED, LoginThrottled, ThrottlePolicy, attempt_login
from kodefag.teacher_portal.models import AuditEntry, LoginCard, PictureLogin, SchoolClass, utcnow
from kodefag.teacher_portal.read_aloud import has_read_aloud, speakable_text, speech_file, task_markdown
from tests.pdfqr import qr_texts


def _class(session, slug="3a") -> SchoolClass:
    return session.scalar(select(SchoolClass).where(SchoolClass.slug == slug))


def test_cards_pdf_holds_one_working_qr_code_per_pupil_and_only_hashes_are_stored(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = _class(session)
        pdf = print_cards(session, school_class, school_class.pupils, "laerer5a", seeded)
    assert pdf.startswith(b"%PDF")
    urls = qr_texts(pdf)[0]
    assert len(urls) == 3 and all(u.startswith(f"{seeded.hub_url}/hub/kort?key=") for u in urls)
    tokens = [u.split("key=", 1)[1] for u in urls]
    with session_scope(seeded.database_url) as session:
        assert [login_cards.card_owner(session, t).username for t in tokens] == ["elev3a01", "elev3a02", "elev3a03"]
        stored = session.scalars(select(LoginCard.token_hash)).all()
        assert len(stored) == 3 and not set(tokens) & set(stored)  # only hashes
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "login_cards.print")).actor == "laerer5a"
        assert login_cards.card_owner(session, tokens[0][:-1] + "x") is None


def test_reprinting_revokes_the_old_cards_and_a_teacher_can_revoke_one(seeded):
    with session_scope(seeded.database_url) as session:
        pupils = _class(session).pupils
        old = login_cards.issue_cards(session, pupils, "laerer5a")
        new = login_cards.issue_cards(session, pupils[:1], "laerer5a")
        assert login_cards.card_owner(session, old["elev3a01"]) is None
        assert login_cards.card_owner(session, new["elev3a01"]).username == "elev3a01"
        assert login_cards.card_owner(session, old["elev3a02"]).username == "elev3a02"  # not reprinted
        # a revoked card counts against its own key, not the pupil (an old card cannot lock the pupil out)
        assert login_cards.throttle_key(session, old["elev3a01"]).startswith("kort:")
        assert login_cards.throttle_key(session, new["elev3a01"]) == "elev3a01"
        assert login_cards.revoke_cards(session, pupils[1], "laerer5a") == 1
        assert login_cards.card_owner(session, old["elev3a02"]) is None
        pupils[2].left_at = utcnow()  # a pupil who left cannot log in with a card
        assert login_cards.card_owner(session, old["elev3a03"]) is None


def test_picture_codes_are_hashed_checked_and_reset(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = _class(session)
        pupil = school_class.pupils[0]
        code = picture_login.set_code(session, school_class, pupil, "laerer5a")
        assert len(code) == 3
        stored = session.get(PictureLogin, pupil.id).code_hash
        assert stored.startswith("$argon2id$") and "-".join(code) not in stored
        assert picture_login.check_code(session, "elev3a01", code).username == "elev3a01"
        wrong = ["sol", "sol", "sol"] if code != ["sol", "sol", "sol"] else ["hus", "hus", "hus"]
        assert picture_login.check_code(session, "elev3a01", wrong) is None
        assert picture_login.check_code(session, "elev3a02", code) is None  # no code set
        assert picture_login.check_code(session, "findes-ikke", code) is None
        assert [c.name for c in picture_login.classes_with_picture_login(session)] == ["3.A"]
        assert [(p.username, s) for p, s in picture_login.pupils_with_picture_login(session, school_class)] == [
            ("elev3a01", session.get(PictureLogin, pupil.id).symbol)]
        new = picture_login.set_code(session, school_class, pupil, "laerer5a", ["kat", "bil", "sol"])
        assert picture_login.check_code(session, "elev3a01", new) is not None
        assert code == new or picture_login.check_code(session, "elev3a01", code) is None
        picture_login.remove_code(session, pupil, "laerer5a")
        assert picture_login.check_code(session, "elev3a01", new) is None
        with pytest.raises(ValueError):
            picture_login.set_code(session, school_class, pupil, "laerer5a", ["sol", "månen", "hus"])


def test_symbols_differ_within_a_class_and_stay_put(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = _class(session, "5a")
        first = picture_login.ensure_symbols(session, school_class)
        assert len(set(first.values())) == len(school_class.pupils) == 5
        assert picture_login.ensure_symbols(session, school_class) == first


def test_cli_prints_the_class_cards(seeded, tmp_path, monkeypatch):
    from kodefag.cli import command
    from kodefag.settings import get_settings

    monkeypatch.setenv("KODEFAG_DATABASE_URL", seeded.database_url)
    monkeypatch.setenv("KODEFAG_VAR_DIR", str(seeded.var_dir))
    get_settings.cache_clear()
    try:
        output = tmp_path / "kort.pdf"
        result = CliRunner().invoke(command("roster"), ["cards", "--class", "3.A", "-o", str(output)])
        assert result.exit_code == 0, result.output
        assert "3 kort" in result.output
        assert len(qr_texts(output.read_bytes())[0]) == 3
        missing = CliRunner().invoke(command("roster"), ["cards", "--class", "4.Q", "-o", str(output)])
        assert missing.exit_code == 2 and "findes ikke" in missing.output
    finally:
        get_settings.cache_clear()


def test_read_aloud_makes_a_danish_wav_once(tmp_path):
    curriculum = cached_curriculum()
    lesson = curriculum.activity("mb-navneskilt")
    assert has_read_aloud(lesson)
    assert not has_read_aloud(next(a for a in curriculum.plan(5).activities if task_markdown(a)))
    text = speakable_text(task_markdown(lesson))
    assert "```" not in text and "<" not in text and "Til læreren" not in text and len(text) > 50
    path = speech_file(text, tmp_path)
    with wave.open(io.BytesIO(path.read_bytes())) as sound:
        assert sound.getnchannels() == 1 and sound.getnframes() / sound.getframerate() > 3
    stamp = path.stat().st_mtime_ns
    assert speech_file(text, tmp_path) == path and path.stat().st_mtime_ns == stamp  # cached
    assert speakable_text("Tryk på **A**.\n\n```python\nprint('x')\n```\n\n## Til læreren\n\nFacit.") == "Tryk på A."


def test_gdpr_export_shows_cards_and_symbol_without_secrets_and_delete_forgets_them(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = _class(session)
        pupil = school_class.pupils[0]
        login_cards.issue_cards(session, [pupil], "laerer5a")
        login_cards.issue_cards(session, [pupil], "laerer5a")
        picture_login.set_code(session, school_class, pupil, "laerer5a", ["sol", "hus", "kat"])
        cards = login_cards.export_pupil(session, pupil.id)
        assert [card["spaerret"] is None for card in cards] == [False, True]
        assert all(set(card) == {"lavet", "lavet_af", "spaerret"} for card in cards) and "$argon2" not in str(picture_login.export_pupil(session, pupil.id))
        assert picture_login.export_pupil(session, pupil.id)["billedkode_sat"].endswith("Z")
        assert login_cards.forget_pupil(session, pupil.id) == 2 and picture_login.forget_pupil(session, pupil.id) == 1
        assert login_cards.export_pupil(session, pupil.id) == [] and picture_login.export_pupil(session, pupil.id) is None


def test_wrong_picture_codes_for_many_pupils_block_the_address(seeded):
    """The one throttle's per-address limit covers picture login: guessing across a class is stopped."""
    policy = ThrottlePolicy(failures_per_account=5, failures_per_address=3, window=dt.timedelta(minutes=15))
    with session_scope(seeded.database_url) as session:
        school_class = _class(session)
        codes = {p.username: picture_login.set_code(session, school_class, p, "laerer5a", ["kat", "bil", "sol"])
                 for p in school_class.pupils}

    def attempt(username, code, address="10.9.8.7"):
        with session_scope(seeded.database_url) as session:
            return attempt_login(session, username, address, lambda: picture_login.check_code(session, username, code),
                                 method="picture", policy=policy)

    assert [attempt(name, ["sol", "sol", "sol"]) for name in codes] == [None] * 3
    with pytest.raises(LoginThrottled) as refused:
        attempt("elev3a01", codes["elev3a01"])
    assert refused.value.message == ADDRESS_BLOCKED
    assert attempt("elev3a01", codes["elev3a01"], address="10.9.8.6").username == "elev3a01"
