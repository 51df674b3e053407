"""Actor names: cleaning one mention and grouping the mentions of one actor."""

from __future__ import annotations

import pytest

from inference.actors import clean_actor, group_actors, protest_sides


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the army", "army"),
        ("The Islamic State", "Islamic State"),
        ("the Islamic State's ", "Islamic State"),
        ("the army\u2019s", "army"),
        ("the rebels'", "rebels"),
        ("Some Boko Haram fighters,", "Boko Haram fighters"),
        ("a Boko Haram faction.", "Boko Haram faction"),
        ("an armed group", "armed group"),
        ("  Boko   Haram\n fighters ", "Boko Haram fighters"),
        ('"Wagner"', "Wagner"),
        ("(ISWAP)", "ISWAP"),
        ("the Nigerian Army", "Nigerian Army"),
        ("al-Shabaab", "al-Shabaab"),
        ("these gunmen", "gunmen"),
        ("Theatre workers", "Theatre workers"),  # "the" only as a word
        ("Anti-Balaka militiamen", "Anti-Balaka militiamen"),
        ("A", ""),
        ("", ""),
        # an abbreviation keeps its last dot, a sentence's full stop goes
        ("the U.S.", "U.S."),
        ("U.N.,", "U.N."),
        ("the army.", "army"),
    ],
)
def test_clean_actor(text, expected):
    assert clean_actor(text) == expected


def test_clean_actor_keeps_case():
    assert clean_actor("the RSF") == "RSF"
    assert clean_actor("the rapid support forces") == "rapid support forces"


@pytest.mark.parametrize(
    "names, groups",
    [
        (["the Islamic State", "Nigerian troops", "Islamic State fighters", "IS"], [[0, 2, 3], [1]]),
        (["Nigerian troops", "the Nigerian army", "Nigerian soldiers", "Nigerian militants"], [[0, 2], [1], [3]]),
        (["Rapid Support Forces", "RSF", "the RSF fighters", "Sudanese Armed Forces", "SAF", "the army"],
         [[0, 1, 2], [3, 4], [5]]),
        (["al-Shabaab", "Al Shabab militants", "Shabaab", "the Somali army"], [[0, 1, 2], [3]]),
        (["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "ISWAP", "Islamic State West Africa Province",
          "Islamic State in West Africa Province fighters", "Islamic State"], [[0, 1], [2, 3, 4], [5]]),
        (["ISIS", "Daesh", "ISIL militants", "Islamic State"], [[0, 1, 2, 3]]),
        (["Hayat Tahrir al-Sham", "HTS", "HTS fighters", "Syrian government forces"], [[0, 1, 2], [3]]),
        (["Boko Haram", "boko haram", "Boko Haram gunmen", "gunmen", "Gunmen"], [[0, 1, 2], [3, 4]]),
        (["Houthi rebels", "Houthis", "the Saudi-led coalition"], [[0, 1], [2]]),
        (["police", "the police", "protesters", "Protesters"], [[0, 1], [2, 3]]),
        (["M23", "M23 rebels", "the Congolese army", "FARDC"], [[0, 1], [2], [3]]),
        (["Hamas", "Hamas fighters", "Israeli forces", "the Israeli military"], [[0, 1], [2], [3]]),
        (["the Wagner Group", "Wagner mercenaries", "Malian soldiers"], [[0, 1], [2]]),
        (["Al-Shabaab", "the Islamic State", "AS"], [[0], [1], [2]]),  # "AS" is not an acronym of al-Shabaab
        ([], []),
        (["", "the army"], [[0], [1]]),
    ],
)
def test_group_actors(names, groups):
    assert group_actors(names) == groups


def test_groups_cover_every_index_once_in_order():
    names = ["IS", "villagers", "Islamic State", "the army", "soldiers", "IS fighters", "villagers"]
    groups = group_actors(names)
    assert sorted(i for g in groups for i in g) == list(range(len(names)))
    assert [g[0] for g in groups] == sorted(g[0] for g in groups)
    assert all(g == sorted(g) for g in groups)
    assert [0, 2, 5] in groups and [1, 6] in groups


def test_lowercase_is_is_not_islamic_state():
    assert group_actors(["is", "Islamic State"]) == [[0], [1]]


@pytest.mark.parametrize("sub,first,second,swap", [
    ("Protest with intervention", "Riot police", "opposition supporters", True),
    ("Protest with intervention", "teachers", "police", False),
    ("Violent demonstration", "security forces", "stone-throwing youths", True),
    ("Excessive force against protesters", "tens of thousands of young demonstrators", "police", True),
    ("Excessive force against protesters", "Soldiers", "mourners", False),
    ("Peaceful protest", "Several thousand teachers", None, False),
    # a lone side stays actor1: moving it lost more matches than it won on validation
    ("Protest with intervention", "Police", None, False),
    ("Arrests", "about 40 protesters", "Police", True),
    ("Arrests", "Police", "about 40 protesters", False),
    ("Armed clash", "police", "gunmen", False),
    ("Protest with intervention", "police", "soldiers", False),
])
def test_demonstration_sides_follow_acled(sub, first, second, swap):
    assert protest_sides(sub, first, second) is swap
