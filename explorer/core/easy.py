"""What easy mode shows and asks, without Qt: topics, short lists, one question at a time.

Easy mode never shows more than six choices on a screen, so this module decides:

- which services a big tile (and, inside it, a category) holds, most useful first: services whose
  main category is the one chosen, then those with screening rules (the person can check them),
  then catalogue order;
- for "What can I get?", which single question to ask next: the profile key that the most services
  still in doubt are waiting for, never one already answered or skipped;
- how an answer is written into the profile, keeping the profile possible (someone who lives alone
  is a household of one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from explorer.core.errors import ProfileError
from explorer.core.fields import AGES, BOOL, BUSINESS, FIELDS, Field
from explorer.core.fields import NUMBER as NUMBER_FIELD
from explorer.core.i18n import N_, Messages, Text, both
from explorer.core.profile import ANSWERS, validate_profile
from explorer.core.screening_results import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    Report,
    ServiceResult,
    settling_question,
)

if TYPE_CHECKING:
    from explorer.core.rules import RuleSet

#: The most choices any easy screen shows (the navigation bars aside).
MAX_CHOICES = 6
#: After this many questions the flow shows what it has (more would tire the person out).
MAX_QUESTIONS = 8

# How each profile key is asked on screen.
YES_NO = "yes_no"
NUMBER = "number"
CHOICE = "choice"
CHILDREN = "children"


@dataclass(frozen=True)
class Question:
    """One easy question: the profile key it fills, how it is answered and what it says (`text`).

    `message` is the field table's message id (read from the catalogues in every language when asked
    for) or, for a service's own question, its words in both languages as the catalogue gives them.
    """

    key: str
    kind: str
    message: str | Text
    #: For NUMBER questions: the unit the number pad shows ("years", "people", "manwon", "year").
    unit: str = ""
    choices: tuple[str, ...] = ()
    #: The smallest and largest number accepted (for NUMBER questions, in the pad's unit).
    low: int = 0
    high: int = 0
    #: For YES_NO questions asked in the negative: the yes and no buttons in words (message ids).
    answers: tuple[str, str] | tuple[()] = ()

    @property
    def text(self) -> Text:
        """The question in every language."""
        if isinstance(self.message, dict):
            return dict(self.message)
        return both.gettext(self.message)

    @property
    def answer_words(self) -> tuple[Text, Text] | None:
        """The yes and no buttons in words in every language, or None for a plain Yes / No."""
        if not self.answers:
            return None
        yes, no = self.answers
        return both.gettext(yes), both.gettext(no)


#: The number pad's unit for a field's unit (amounts are typed in 만원, 10,000 won).
_PAD_UNITS = {"years": "years", "krw": "manwon", "people": "people", "count": "people", "year": "year"}
#: The largest amount the pad accepts, in 만원 (1,000억 원): more is a typing mistake on a kiosk.
_MAX_MANWON = 10_000_000


def _question(spec: Field) -> Question:
    """Easy mode's question for one row of the field table."""
    if spec.kind == BOOL:
        return Question(spec.key, YES_NO, spec.easy_question_id, answers=spec.easy_answer_ids)
    if spec.kind == NUMBER_FIELD:
        unit = _PAD_UNITS[spec.unit]
        low, high = spec.low or 0, spec.high or 0
        if unit == "manwon":
            low, high = 0, min(high // 10_000, _MAX_MANWON)
        return Question(spec.key, NUMBER, spec.easy_question_id, unit=unit, low=low, high=high)
    if spec.kind == AGES:
        return Question(spec.key, CHILDREN, spec.easy_question_id, unit="years", low=0, high=100)
    if spec.kind == BUSINESS:
        return Question(spec.key, BUSINESS, spec.easy_question_id)
    return Question(spec.key, CHOICE, spec.easy_question_id, choices=spec.choices)


#: Every profile key easy mode can ask, in plain words (from the one table of fields).
QUESTIONS: dict[str, Question] = {spec.key: _question(spec) for spec in FIELDS if spec.easy}

#: Choice answers in plain words.
CHOICE_LABELS = Messages(
    {value: message for spec in FIELDS for value, message in spec.easy_choice_ids.items()}
)


# --- topics ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """A big tile: its label, its categories (ids, in taxonomy order) and their services."""

    id: str
    label: Text
    categories: tuple[str, ...]


def topics(tiles: dict[str, Text], categories: list[dict[str, Any]]) -> list[Topic]:
    """The tiles in order, each with the categories that belong to it.

    `categories` are rows with "id" and "easy_tile" in taxonomy order.
    """
    out = []
    for tile_id, label in tiles.items():
        cats = tuple(c["id"] for c in categories if c.get("easy_tile") == tile_id)
        out.append(Topic(tile_id, label, cats))
    return out


def services_in(
    category_ids: tuple[str, ...] | list[str],
    services: list[dict[str, Any]],
    with_rules: set[str],
) -> list[str]:
    """Ids of the services in any of `category_ids`, most useful first.

    Services whose first (main) category is among them come before those that only touch them;
    within each, services the person can check ("What can I get?") come first; then catalogue order.
    """
    wanted = set(category_ids)
    chosen = [(i, s) for i, s in enumerate(services) if wanted & set(s.get("categories", []))]

    def key(item: tuple[int, dict[str, Any]]) -> tuple[int, int, int]:
        position, service = item
        main = 0 if service["categories"] and service["categories"][0] in wanted else 1
        return (main, 0 if service["id"] in with_rules else 1, position)

    return [s["id"] for _, s in sorted(chosen, key=key)]


def page(items: list[Any], number: int, room: int) -> tuple[list[Any], bool, int]:
    """The items on screen `number` (from 0) when `room` choices are free, whether "More" follows, and
    how many screens there are.

    Every screen but the last gives one of its choices to "More"; the last uses them all, so five
    results fit on one screen of five choices, and six take two.
    """
    per_screen = max(1, room - 1)
    screens = 1 if len(items) <= room else -(-(len(items) - room) // per_screen) + 1
    start = max(0, number) * per_screen
    rest = items[start:]
    if len(rest) <= room:
        return rest, False, screens
    return rest[:per_screen], True, screens


# --- questions ------------------------------------------------------------------------------------


@dataclass
class Interview:
    """The answers so far of one "What can I get?" and what it covers.

    `scope` is the service ids being checked (a topic's, or one service's). Nothing here is saved.
    """

    scope: list[str]
    profile: dict[str, Any] = field(default_factory=dict)
    #: Keys answered or skipped, in order (Back undoes the last).
    asked: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)

    def report(self, rules: RuleSet, today: date) -> Report:
        from explorer.core.screening import screen  # the rules' engine: loaded with the first screening

        return screen(validate_profile(self.profile), rules, today)

    def results(self, rules: RuleSet, today: date) -> list[ServiceResult]:
        """Results for the services in scope, best first (the report's ranking)."""
        wanted = set(self.scope)
        return [r for r in self.report(rules, today).results if r.id in wanted]

    def next_question(self, rules: RuleSet, today: date) -> Question | None:
        """The question that settles the most services still in doubt; None when nothing is left.

        Besides the profile's own fields, a service's own yes/no question (an `ask`) can be put, in
        its own words; its answer goes under the profile's `answers`.
        """
        if len(self.asked) >= MAX_QUESTIONS:
            return None
        results = self.results(rules, today)
        asks = rules.asks()
        unfit = {m["id"] for r in results for m in r.missing if not self._askable(m["id"], asks)}
        best = settling_question(results, skip=unfit)
        if best is None:
            return None
        if best["id"] in asks:
            return Question(best["id"], YES_NO, asks[best["id"]]["question"])
        return QUESTIONS[best["id"]]

    def _askable(self, key: str, asks: dict[str, Any]) -> bool:
        """Whether easy mode can put `key` now: one it asks, not yet answered or skipped, and sensible."""
        if key in self.asked:
            return False
        if key in asks:
            return key not in self.profile.get(ANSWERS, {})
        return key in QUESTIONS and not self._settled(key) and self._fits(key)

    def unsuitable(self) -> set[str]:
        """The questions easy mode would not put to this person, given the answers so far."""
        return {key for key in QUESTIONS if not self._fits(key)}

    def _fits(self, key: str) -> bool:
        """Whether asking `key` makes sense given the answers so far (no pregnancy question at 70)."""
        if key == "pregnant":
            age = self.profile.get("age")
            return self.profile.get("gender") != "male" and (age is None or 12 <= age <= 55)
        return True

    def _settled(self, key: str) -> bool:
        if key.startswith("business."):
            business = self.profile.get("business")
            return not isinstance(business, dict) or key.split(".", 1)[1] in business
        return key in self.profile

    def answer(self, key: str, value: Any) -> None:
        """Record `value` for `key` (None: skipped); refuses an answer that makes the profile impossible.

        Raises ProfileError and leaves the answers as they were when the answer does not fit.
        """
        before = {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.profile.items()}
        if value is not None:
            _store(self.profile, key, value)
            try:
                validate_profile(self.profile)
            except ProfileError:
                self.profile = before
                raise
        else:
            self.skipped.add(key)
        self.asked.append(key)

    def undo(self) -> str | None:
        """Forget the last answer (Back on a question); returns its key."""
        if not self.asked:
            return None
        key = self.asked.pop()
        self.skipped.discard(key)
        _forget(self.profile, key)
        if key == "lives_alone":
            self.profile.pop("household_size", None)
        return key


def _store(profile: dict[str, Any], key: str, value: Any) -> None:
    if ":" in key:  # a service's own question
        profile.setdefault(ANSWERS, {})[key] = value
        return
    if key.startswith("business."):
        business = profile.get("business")
        if not isinstance(business, dict):
            business = {}
            profile["business"] = business
        business[key.split(".", 1)[1]] = value
        return
    if key == "business":
        profile["business"] = {} if value else False
        return
    profile[key] = value
    if key == "lives_alone" and value is True:
        profile["household_size"] = 1
    if key == "household_size" and isinstance(value, int) and value > 1:
        profile["lives_alone"] = False


def _forget(profile: dict[str, Any], key: str) -> None:
    if ":" in key:
        answers = profile.get(ANSWERS, {})
        answers.pop(key, None)
        if not answers:
            profile.pop(ANSWERS, None)
        return
    if key.startswith("business."):
        business = profile.get("business")
        if isinstance(business, dict):
            business.pop(key.split(".", 1)[1], None)
        return
    profile.pop(key, None)


# --- results --------------------------------------------------------------------------------------

#: What each status means, in words for the person.
VERDICTS = Messages(
    {
        ELIGIBLE: N_("You can probably get this"),
        MAYBE: N_("You might get this: it needs checking"),
        INELIGIBLE: N_("You probably cannot get this"),
    }
)


def fitting(
    results: list[ServiceResult], unsuitable: set[str] | frozenset[str] = frozenset()
) -> list[ServiceResult]:
    """What fits, best first: eligible, then maybe (each in the report's ranking); never the ineligible.

    A maybe that only questions easy mode would not put to this person could settle (pregnancy, to a
    woman of 72) is left out: it is not a list of what may fit them.
    """
    maybes = [r for r in results if r.status == MAYBE and not all(m["id"] in unsuitable for m in r.missing)]
    return [r for r in results if r.status == ELIGIBLE] + maybes


def why(result: ServiceResult, lang: str, limit: int = 2) -> list[str]:
    """A few plain reasons for a result: what was met or not, then what is still to check."""
    lines = [r["text"][lang] for r in result.reasons if r.get("outcome") is not None][:limit]
    if result.status == MAYBE and result.missing and len(lines) < limit:
        first = result.missing[0]
        question = QUESTIONS[first["id"]].text if first["id"] in QUESTIONS else first["question"]
        lines.append(question[lang])  # easy mode's own wording where it asks the same thing
    return lines


def to_check(result: ServiceResult, lang: str) -> str | None:
    """For a "maybe": the first thing still to settle, as easy mode asks it (None when nothing is)."""
    if result.status != MAYBE or not result.missing:
        return None
    first = result.missing[0]
    question = QUESTIONS[first["id"]].text if first["id"] in QUESTIONS else first["question"]
    return str(question[lang])


def also_needed(result: ServiceResult, lang: str) -> list[str]:
    """What the agency still decides or the person still has to do, in plain words."""
    return [text[lang] for text in result.also_needed]
