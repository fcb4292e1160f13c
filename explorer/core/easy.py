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
from typing import Any

from explorer.core.errors import ProfileError
from explorer.core.facts import EMPLOYMENT, GENDERS
from explorer.core.profile import validate_profile
from explorer.core.screening import ELIGIBLE, INELIGIBLE, MAYBE, Report, RuleSet, ServiceResult, screen

Text = dict[str, str]

#: The most choices any easy screen shows (the navigation bars aside).
MAX_CHOICES = 6
#: After this many questions the flow shows what it has (more would tire the person out).
MAX_QUESTIONS = 10

# How each profile key is asked on screen.
YES_NO = "yes_no"
NUMBER = "number"
CHOICE = "choice"
CHILDREN = "children"
BUSINESS = "business"


@dataclass(frozen=True)
class Question:
    """One easy question: the profile key it fills, how it is answered and what it says."""

    key: str
    kind: str
    text: Text
    #: For NUMBER questions: the unit the number pad shows ("years", "people", "manwon", "year").
    unit: str = ""
    choices: tuple[str, ...] = ()
    #: The smallest and largest number accepted (for NUMBER questions).
    low: int = 0
    high: int = 0


def _q(key: str, kind: str, ko: str, en: str, **extra: Any) -> Question:
    return Question(key, kind, {"ko": ko, "en": en}, **extra)


#: Every profile key easy mode can ask, in plain words.
QUESTIONS: dict[str, Question] = {
    q.key: q
    for q in (
        _q("age", NUMBER, "나이가 몇 살이세요?", "How old are you?", unit="years", low=0, high=130),
        _q("gender", CHOICE, "성별을 골라 주세요.", "Are you a woman or a man?", choices=GENDERS),
        _q("seoul_resident", YES_NO, "서울에 사세요?", "Do you live in Seoul?"),
        _q("lives_alone", YES_NO, "혼자 사세요?", "Do you live alone?"),
        _q(
            "household_size",
            NUMBER,
            "함께 사는 사람은 나를 포함해 모두 몇 명이에요?",
            "How many people live in your home, you included?",
            unit="people",
            low=1,
            high=30,
        ),
        _q(
            "monthly_household_income_krw",
            NUMBER,
            "집안 식구 모두의 한 달 소득은 얼마예요? (만 원 단위)",
            "How much does your household earn a month? (in 10,000 won)",
            unit="manwon",
            low=0,
            high=100_000,
        ),
        _q("disability", YES_NO, "등록된 장애가 있으세요?", "Do you have a registered disability?"),
        _q("pregnant", YES_NO, "지금 임신 중이세요?", "Are you pregnant now?"),
        _q(
            "children_ages",
            CHILDREN,
            "막내 아이는 몇 살이에요?",
            "How old is your youngest child?",
            unit="years",
            low=0,
            high=100,
        ),
        _q("employment", CHOICE, "지금 어떻게 지내세요?", "What do you do now?", choices=EMPLOYMENT),
        _q(
            "employment_insurance",
            YES_NO,
            "고용보험에 가입되어 있으세요?",
            "Do you have employment insurance?",
        ),
        _q(
            "basic_livelihood_recipient",
            YES_NO,
            "기초생활수급자이세요?",
            "Do you receive basic livelihood security?",
        ),
        _q("homeless", YES_NO, "지금 지낼 집이 없으세요?", "Are you without a home now?"),
        _q("business", BUSINESS, "가게나 사업체를 하세요?", "Do you run a shop or a business?"),
        _q(
            "business.annual_sales_krw",
            NUMBER,
            "가게의 한 해 매출은 얼마예요? (만 원 단위)",
            "What are your shop's sales in a year? (in 10,000 won)",
            unit="manwon",
            low=0,
            high=10_000_000,
        ),
        _q(
            "business.opened_year",
            NUMBER,
            "가게를 몇 년에 열었어요?",
            "In which year did you open your shop?",
            unit="year",
            low=1900,
            high=2100,
        ),
        _q("business.closed", YES_NO, "가게를 닫으셨어요(폐업)?", "Have you closed your shop?"),
    )
}

#: Choice answers in plain words.
CHOICE_LABELS: dict[str, Text] = {
    "female": {"ko": "여성", "en": "Woman"},
    "male": {"ko": "남성", "en": "Man"},
    "other": {"ko": "다른 성별", "en": "Other"},
    "employed": {"ko": "직장에 다녀요", "en": "I have a job"},
    "unemployed": {"ko": "일자리를 찾고 있어요", "en": "I am looking for work"},
    "self_employed": {"ko": "내 가게·사업을 해요", "en": "I run my own business"},
    "retired": {"ko": "은퇴했어요", "en": "I am retired"},
    "student": {"ko": "학생이에요", "en": "I am a student"},
}
assert set(CHOICE_LABELS) >= set(GENDERS) | set(EMPLOYMENT)


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
        return screen(validate_profile(self.profile), rules, today)

    def results(self, rules: RuleSet, today: date) -> list[ServiceResult]:
        """Results for the services in scope, in the scope's order."""
        by_id = {r.id: r for r in self.report(rules, today).results}
        return [by_id[sid] for sid in self.scope if sid in by_id]

    def next_question(self, rules: RuleSet, today: date) -> Question | None:
        """The question most of the services still in doubt wait for; None when nothing is left."""
        if len(self.asked) >= MAX_QUESTIONS:
            return None
        counts: dict[str, int] = {}
        for result in self.results(rules, today):
            if result.status != MAYBE:
                continue
            for missing in result.missing:
                key = missing.get("fact")
                if key in QUESTIONS and key not in self.asked and not self._settled(key) and self._fits(key):
                    counts[key] = counts.get(key, 0) + 1
        if not counts:
            return None
        order = list(QUESTIONS)
        best = max(counts, key=lambda k: (counts[k], -order.index(k)))
        return QUESTIONS[best]

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
    if key.startswith("business."):
        business = profile.get("business")
        if isinstance(business, dict):
            business.pop(key.split(".", 1)[1], None)
        return
    profile.pop(key, None)


# --- results --------------------------------------------------------------------------------------

#: What each status means, in words for the person.
VERDICTS: dict[str, Text] = {
    ELIGIBLE: {"ko": "받을 수 있어 보여요", "en": "You can probably get this"},
    MAYBE: {"ko": "받을 수도 있어요. 확인이 필요해요", "en": "You might get this: it needs checking"},
    INELIGIBLE: {"ko": "받기 어려워 보여요", "en": "You probably cannot get this"},
}


def fitting(results: list[ServiceResult]) -> list[ServiceResult]:
    """What fits, best first: eligible, then maybe (in scope order); never the ineligible."""
    return [r for r in results if r.status == ELIGIBLE] + [r for r in results if r.status == MAYBE]


def why(result: ServiceResult, lang: str, limit: int = 2) -> list[str]:
    """A few plain reasons for a result: what was met or not, then what is still to check."""
    lines = [r["text"][lang] for r in result.reasons if r.get("outcome") is not None][:limit]
    if result.status == MAYBE and result.missing and len(lines) < limit:
        lines.append(result.missing[0]["question"][lang])
    return lines
