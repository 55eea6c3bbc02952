"""Durations in words and digits, working days, and delay qualifiers, in FR/IT/EN/DE/ES/PT/NL."""

import pytest

from contractkg.ingest.lexical.durations import find_durations, qualifier, qualifiers, to_iso


def first(text):
    found = find_durations(text)
    assert found, f"no duration in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, iso, working", [
    # French
    ("dans un délai de dix (10) jours ouvrés", "P10D", True),
    ("au plus tard 48 heures après", "PT48H", False),
    ("pendant un (1) an", "P1Y", False),
    ("avec un préavis de trois (3) mois", "P3M", False),
    ("dans les vingt-quatre (24) heures", "PT24H", False),
    ("sous 15 jours calendaires", "P15D", False),
    ("deux semaines à l'avance", "P14D", False),
    ("cinq jours ouvrables", "P5D", True),
    # Italian
    ("entro 14 giorni", "P14D", False),
    ("entro quindici giorni lavorativi", "P15D", True),
    ("con un preavviso di trenta (30) giorni", "P30D", False),
    ("entro settantadue ore", "PT72H", False),
    ("per due anni", "P2Y", False),
    # English
    ("within two weeks", "P14D", False),
    ("no later than 72 hours", "PT72H", False),
    ("for one (1) year", "P1Y", False),
    ("at least thirty (30) calendar days", "P30D", False),
    ("within five business days", "P5D", True),
    ("a 48-hour window", "PT48H", False),
    ("within 24h", "PT24H", False),
    # German
    ("innerhalb von vierzehn Tagen", "P14D", False),
    ("binnen 5 Werktagen", "P5D", True),
    ("spätestens 48 Stunden", "PT48H", False),
    ("mit einer Frist von einem Monat", "P1M", False),
    ("zehn Arbeitstage vorher", "P10D", True),
    # Spanish
    ("en un plazo de diez días hábiles", "P10D", True),
    ("dentro de las setenta y dos (72) horas", "PT72H", False),
    ("con veintiún días naturales de antelación", "P21D", False),
    ("en un plazo de cuarenta y ocho horas", "PT48H", False),
    # Portuguese
    ("no prazo de setenta e duas horas", "PT72H", False),
    ("com uma antecedência mínima de trinta (30) dias úteis", "P30D", True),
    ("no prazo de quarenta e oito horas", "PT48H", False),
    ("durante um mês", "P1M", False),
    ("por um período de dois anos", "P2Y", False),
    ("catorze dias corridos", "P14D", False),
    # Dutch
    ("binnen tweeënzeventig uur", "PT72H", False),
    ("binnen 48 uur", "PT48H", False),
    ("ten minste vier weken van tevoren", "P28D", False),
    ("binnen tien werkdagen", "P10D", True),
    ("binnen dertig (30) kalenderdagen", "P30D", False),
    ("gedurende één jaar", "P1Y", False),
    ("een termijn van twee maanden", "P2M", False),
])
def test_duration_forms(text, iso, working):
    d = first(text)
    assert d.iso == iso
    assert d.working_days is working
    assert text[d.start : d.end].strip()


@pytest.mark.parametrize("text, iso", [
    # compounds generated from units and tens, in every language
    ("quatre-vingt-seize heures", "PT96H"), ("soixante et onze jours", "P71D"), ("cent vingt jours", "P120D"),
    ("ventotto giorni", "P28D"), ("centottanta giorni", "P180D"), ("novantasei ore", "PT96H"),
    ("ninety-six hours", "PT96H"), ("one hundred and twenty days", "P120D"),
    ("sechsundneunzig Stunden", "PT96H"), ("hundertachtzig Tage", "P180D"),
    ("noventa y seis horas", "PT96H"), ("ciento veinte días", "P120D"),
    ("noventa e seis horas", "PT96H"), ("cento e vinte dias", "P120D"),
    ("zesennegentig uur", "PT96H"), ("honderdtwintig dagen", "P120D"),
])
def test_compound_number_words(text, iso):
    assert first(text).iso == iso


def test_markdown_emphasis_around_the_number():
    assert [d.iso for d in find_durations("within **48** hours, or _72_ heures, or **30 days**")] == ["PT48H", "PT72H", "P30D"]


def test_clock_times_and_zero_are_not_durations():
    assert find_durations("de 9:00 a 18:00h") == []
    assert find_durations("0 days") == []


def test_weeks_are_written_as_days_and_hours_use_time_part():
    assert to_iso(2, "W") == "P14D"
    assert to_iso(72, "H") == "PT72H"
    assert to_iso(3, "M") == "P3M"


def test_no_duration_in_plain_numbers_or_articles():
    assert find_durations("article 28 paragraph 3") == []
    assert find_durations("un contrat de service") == []
    assert find_durations("ISO 27001 certification") == []


def test_several_durations_keep_order_and_spans():
    text = "notify within 24 hours and report within three (3) days"
    found = find_durations(text)
    assert [d.iso for d in found] == ["PT24H", "P3D"]
    assert text[found[1].start : found[1].end] == "three (3) days"


@pytest.mark.parametrize("text, expected", [
    ("shall notify the Controller without undue delay", "without_undue_delay"),
    ("informera le Client sans délai injustifié", "without_undue_delay"),
    ("en informera le Client sans retard injustifié", "without_undue_delay"),
    ("informerà il Titolare senza ingiustificato ritardo", "without_undue_delay"),
    ("benachrichtigt den Verantwortlichen unverzüglich", "without_undue_delay"),
    ("notifiera dans les meilleurs délais", "promptly"),
    ("informera dans les plus brefs délais", "promptly"),
    ("will promptly inform the Customer", "promptly"),
    ("informerà tempestivamente il Cliente", "timely"),
    ("informerà il Cliente in modo tempestivo", "timely"),
    ("informera le Client en temps opportun", "timely"),
    ("shall inform the Customer in a timely manner", "timely"),
    ("informiert rechtzeitig", "timely"),
    ("notificará sin dilación indebida", "without_undue_delay"),
    ("informará a la mayor brevedad", "promptly"),
    ("notifica sem demora injustificada", "without_undue_delay"),
    ("informa o Cliente imediatamente", "promptly"),
    ("comunica atempadamente", "timely"),
    ("meldt zonder onredelijke vertraging", "without_undue_delay"),
    ("meldt onverwijld", "without_undue_delay"),
    ("informeert zo spoedig mogelijk", "promptly"),
    ("stelt tijdig in kennis", "timely"),
    # "without delay" reads as "without undue delay" in every language; speed itself is "promptly"
    ("shall notify the Customer without delay", "without_undue_delay"),
    ("notifica sem demora", "without_undue_delay"),
    ("notificará sin demora", "without_undue_delay"),
    ("notifie sans délai", "without_undue_delay"),
    ("comunica senza ritardo", "without_undue_delay"),
    ("meldet ohne Verzögerung", "without_undue_delay"),
    ("meldt zonder vertraging", "without_undue_delay"),
    ("informera immédiatement", "promptly"),
    ("meldet sofort", "promptly"),
])
def test_qualifiers(text, expected):
    q = qualifier(text)
    assert q is not None and q[0] == expected
    assert text[q[1] : q[2]]


def test_stronger_qualifier_hides_the_phrase_inside_it():
    # "sans délai" (promptly) sits inside "sans délai injustifié" (without undue delay)
    assert [q[0] for q in qualifiers("notifie sans délai injustifié")] == ["without_undue_delay"]
    assert qualifier("une clause sans aucun qualificatif") is None
