import pytest

from inference.textcheck import InputError, check_text, looks_english, strip_html


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed at least 12 villagers in the town of Tera on Wednesday, the governor said.",
        "Troops clashed with militants; casualties unknown. Taliban, ISIS-K, TTP named.",
        "KABUL, May 3 - Two bombs exploded near a mosque in Kunduz.",
        "Protesters marched in Lagos.",
    ],
)
def test_english_passes(text):
    assert looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "Des hommes armés ont tué au moins douze villageois mercredi dans la ville de Tera, selon le gouverneur.",
        "Hombres armados mataron a doce aldeanos en el pueblo de Tera el miércoles, según el gobernador.",
        "Bewaffnete haben am Mittwoch mindestens zwölf Dorfbewohner in der Stadt getötet, sagte der Gouverneur und die Polizei.",
        "مسلحون قتلوا اثني عشر قرويا في بلدة تيرا يوم الأربعاء حسبما قال الحاكم المحلي للمنطقة",
        "Вооружённые люди убили двенадцать жителей деревни в среду, сообщил губернатор области.",
    ],
)
def test_other_languages_are_refused(text):
    assert not looks_english(text)
    with pytest.raises(InputError) as err:
        check_text(text)
    assert err.value.kind == "not-english"


def test_html_is_stripped_with_a_warning():
    text, warnings = check_text("<html><body><p>Gunmen <b>killed</b> 3 &amp; wounded 2 in Kano.</p>"
                                "<script>var x = 1;</script></body></html>")
    assert text == "Gunmen killed 3 & wounded 2 in Kano." and warnings == ("html-stripped",)
    assert strip_html("<p>One.</p><p>Two.</p>") == "One.\n\nTwo."


@pytest.mark.parametrize("text, kind", [("", "empty-text"), ("  \n\t ", "empty-text"), (None, "missing-text"),
                                        ("<p> </p>", "empty-text")])
def test_unusable_text(text, kind):
    with pytest.raises(InputError) as err:
        check_text(text)
    assert err.value.kind == kind
