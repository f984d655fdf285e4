"""Sentences that report no event of their own, and those that do though they look alike."""

from __future__ import annotations

import datetime as dt

import pytest

from incidents.text.events.cues import checked_sub_event, cue_positions
from incidents.text.events.non_events import (
    ECONOMIC_NEWS,
    HABIT,
    HISTORY_TOLD,
    NO_EVENT_WORD,
    UNREAL,
    non_event,
)

PUBLISHED = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    "sentence",
    [
        # options, plans and requests
        "وقال مسؤول إن أحد الخيارات المطروحة توجيه ضربات جوية إلى مقار الفصائل",
        "وطالب قائد اللواء بإسناد جوي عاجل لصد هجوم متوقع على البلدة",
        "وطلب المحافظ من الحكومة إرسال تعزيزات تحسباً لأي هجوم على المدينة",
        "Officials said one option on the table was air strikes on militia depots.",
        "The commander requested air support against an expected assault.",
        "Parmi les options envisagées figurent des frappes aériennes.",
        # conditions
        "وفي حال تعرضت القوات للهجوم فإنها سترد بقوة",
        "وإذا استمر القصف فإن المدينة ستشهد موجة نزوح",
        "If the rebels attack the town, the army will respond with air strikes.",
        "Si les rebelles attaquent la ville, l'armée ripostera.",
        # warnings, denials, condemnations
        "The army denied that its planes bombed the village.",
        "ونفى الجيش أن تكون طائراته قد قصفت القرية",
        "L'armée a démenti que ses avions aient bombardé le village.",
        "Aid agencies warned that fighting could cut off relief to the region.",
        # capabilities
        "وقال الجيش إن منظومة الدرع الصاروخي قادرة على اعتراض الصواريخ",
        "The army said its new missile shield can intercept any rocket fired at the city.",
        "ويقول خبراء إن الجماعة تمتلك ترسانة من الصواريخ البعيدة المدى",
    ],
)
def test_plans_conditions_and_denials_are_no_events(sentence: str) -> None:
    verdict = non_event(sentence, PUBLISHED)
    assert verdict is not None and verdict.reason in (UNREAL, NO_EVENT_WORD)


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 5,600 people were killed in gang violence last year, the UN says.",
        "وقتل آلاف المدنيين في المدينة منذ بداية الحرب",
        "Hundreds of civilians have been killed since the war began.",
        "Des milliers de civils ont été tués l'an dernier dans la région.",
        "The US invaded Iraq in 1991, bombing Baghdad for weeks.",
        "وكانت القوات الأمريكية قد قصفت مواقع الفصائل في شباط/فبراير 2024",
        "En 2023, des hommes armés avaient attaqué le camp militaire de la ville.",
        # an anniversary is history, even when it is today
        "وتحيي البلاد اليوم الذكرى السنوية لاغتيال رئيس الوزراء",
        "Thousands marked the anniversary of the assassination of the president.",
        "La ville a célébré l'anniversaire du massacre du camp.",
        # "that day" dates nothing recent
        "واستعادت وسائل الإعلام تفاصيل ذلك اليوم حين اقتحمت الدبابات العاصمة",
    ],
)
def test_history_is_no_event(sentence: str) -> None:
    verdict = non_event(sentence, PUBLISHED)
    assert verdict is not None and verdict.reason == HISTORY_TOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "وعادة ما تقصف الميليشيا الأحياء السكنية بقذائف الهاون",
        "وتشهد المدينة خروقات شبه يومية للهدنة وقصفاً متقطعاً",
        "The militia often fires mortar rounds at the town from the hills.",
        "Government forces regularly shell villages in the area.",
        "Les milices tirent souvent des obus de mortier sur la ville.",
        "AFRICOM has carried out more than a dozen strikes since the start of the year.",
        "Such a strike could kill dozens of civilians, aid workers said.",
        "وشهدت المدينة خلال الأشهر الماضية هجمات متفرقة بعبوات ناسفة",
    ],
)
def test_habits_and_tallies_are_no_events(sentence: str) -> None:
    verdict = non_event(sentence, PUBLISHED)
    assert verdict is not None and verdict.reason == HABIT


@pytest.mark.parametrize(
    "sentence",
    [
        # attacks in words
        "وشن النائب هجوماً لاذعاً على النائب العام بسبب قرار الإفراج",
        "The senator attacked the decision of the prosecutor in a scathing speech.",
        "Le député s'en est pris verbalement au procureur.",
        "Le ministre a dénoncé une « attaque en règle » contre les institutions.",
        "Un député a littéralement « bombardé » le ministre de questions.",
        "La charge a été d'une rare violence.",
        # a defence described, not used
        "The missile shield protects the capital.",
    ],
)
def test_figures_of_speech_are_no_event_words(sentence: str) -> None:
    assert non_event(sentence, PUBLISHED) is not None


def test_an_agreement_on_prices_is_economic_news() -> None:
    verdict = non_event("The government and bakers reached an agreement on bread prices.")
    assert verdict is not None and verdict.reason == ECONOMIC_NEWS
    assert non_event("وتوصلت الحكومة والتجار إلى اتفاق على الأسعار") is not None
    assert (
        non_event("Le gouvernement et les syndicats ont signé un accord sur les prix.") is not None
    )
    # an agreement between armed groups is an event
    assert non_event("The two militias agreed to a ceasefire on Sunday.", PUBLISHED) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # a recent date keeps the event, whatever history the sentence also tells
        "Gunmen killed five villagers on Monday, a year after the anniversary of the massacre.",
        "قُتل ثلاثة عناصر أمس الأحد في هجوم هو الأول منذ بداية الحرب",
        "Des hommes armés ont tué trois civils lundi, comme souvent dans la région.",
        # a comparison measures a new event against the past
        "It was the deadliest attack in the capital since 2019, killing 30.",
        "وكان الهجوم الأعنف منذ عام 2019",
        # an event before the anniversary is news
        "Protesters rallied in the capital on the anniversary of the assassination.",
        # the event comes before the plan, the request or the warning
        "تظاهر العشرات أمام مبنى المحافظة وطالبوا بتوفير فرص عمل",
        "Troops repelled an attack on the base and warned of more fighting.",
        # a request for anonymity is no request of the kind
        "وقال مصدر طلب عدم الكشف عن اسمه إن اشتباكات عنيفة اندلعت في البلدة",
        "A source who asked not to be named said gunmen shot two guards.",
        # a year this year is no history
        "Gunmen attacked the base in January 2025, killing two soldiers.",
        # «إذاعة» is a radio, not «إذا»
        "وقالت إذاعة محلية إن انفجاراً وقع في السوق",
    ],
)
def test_events_stay_events(sentence: str) -> None:
    assert non_event(sentence, PUBLISHED) is None


def test_years_need_the_publication_date() -> None:
    sentence = "Gunmen attacked the base in 2024, killing two soldiers."
    assert non_event(sentence, dt.date(2024, 5, 1)) is None  # the publication's year
    assert non_event(sentence, dt.date(2025, 5, 1)) is not None  # a year before it
    assert non_event(sentence, None) is not None  # a bare year without a date: background
    # a full date is the event's date, which the date stages read, not history
    assert non_event("Gunmen killed two soldiers on 12 March 2024.", None) is None
    # a number that looks like a year is a count when no "in", «عام», "en" or month leads it
    assert non_event("More than 2000 people were killed in the fighting.", None) is None
    assert non_event("قتل 2000 شخص في المعارك", PUBLISHED) is None


def test_the_reason_names_the_words_that_show_it() -> None:
    verdict = non_event("More than 5,000 people were killed in the region last year.", PUBLISHED)
    assert str(verdict) == "history, before the news (last year)"
    assert str(non_event("وقال مسؤول إن الوضع هادئ")) == NO_EVENT_WORD


def test_figures_of_speech_and_anniversaries_do_not_cue_types() -> None:
    assert "sexual_violence" not in cue_positions("Clashes of rare violence broke out.")
    assert cue_positions("Des violences sexuelles ont été signalées.")["sexual_violence"] >= 0
    assert checked_sub_event("other", "Militiamen committed sexual violence in the village.") == (
        "sexual_violence"
    )


@pytest.mark.parametrize(
    ("sentence", "an_event"),
    [
        ("لقي خمسة أشخاص مصرعهم وأصيب 12 آخرون في حادث سير على طريق المنيا", False),
        ("Five workers were killed when a fire broke out in a garment factory in Karachi.", False),
        ("Floods killed 12 people in Derna on Sunday.", False),
        ("Un incendie a fait deux morts dans le marché de Kaya.", False),
        ("غرق ثلاثة أطفال في نهر الفرات قرب دير الزور أمس", False),
        # an armed actor named: arson, not an accident
        ("Gunmen set fire to a police post in Gao, killing two officers.", True),
        ("Des hommes armés ont incendié le marché de Kaya lundi.", True),
        ("أضرم عناصر من قوات الدعم السريع حريقاً في سوق المدينة", True),
    ],
)
def test_accidents_and_disasters_are_no_political_violence(sentence: str, an_event: bool) -> None:
    assert (non_event(sentence) is None) is an_event
