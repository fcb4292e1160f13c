"""The programme controller: the Resilient Seoul strategy (goals → programmes → actions) for the views.

It reads the strategy and the service names once, keeps a tree model whose labels follow the
interface language, narrows it with a filter, and turns any node into a `NodeDetail` (titled blocks
of text, lists and links) that a view lays out. Node keys are "goal:1", "program:7" and
"action:p07-a1"; links inside a detail are "node:<key>" (another node) or "service:<id>".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel

from explorer.core.catalog import Catalogue
from explorer.core.hangul import choseong, is_choseong_query
from explorer.core.i18n import _, active
from explorer.core.present import pick
from explorer.core.strategy import read_strategy
from explorer.core.textnorm import MAX_INDEXED, normalise
from explorer.ui.icons import icon

#: The node key ("goal:1", "program:7", "action:p07-a1") of a tree row.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Everything a filter may match in a row, normalised and without spaces.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
#: The initial consonants of the row's Korean texts, for filters like "ㅈㄹㅍㅇ".
CHOSEONG_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

_ICONS = {
    "goal": "mdi6.flag-variant",
    "program": "mdi6.folder-outline",
    "action": "mdi6.circle-medium",
    "supporting": "mdi6.circle-small",
}


@dataclass
class Link:
    """A link inside a detail: `href` is "node:<key>" or "service:<id>"."""

    href: str
    text: str


@dataclass
class Block:
    """One titled part of a detail.

    `aside` is muted text shown beside the first paragraph (the budget as the source writes it);
    `unknown` marks a fact the sources do not give.
    """

    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    aside: str = ""
    unknown: bool = False


@dataclass
class NodeDetail:
    """What the detail pane shows for one goal, programme or action, in one language."""

    key: str
    kind: str
    label: str
    title: str
    other_title: str
    trail: list[Link]
    blocks: list[Block]


def _squash(text: str) -> str:
    """`text` normalised as search does, without spaces ("제로 페이" and "제로페이" compare equal)."""
    return normalise(text, MAX_INDEXED).replace(" ", "")


class ProgrammeFilterModel(QSortFilterProxyModel):
    """Keeps the rows whose names (either language), services or initiatives contain the filter text.

    The ancestors of a kept row stay so it can be reached, and a kept goal or programme keeps all its
    rows. Spacing, case and width do not matter; initial consonants ("ㅈㄹㅍㅇ") match Korean names.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._needle = ""
        self._initials = False

    @property
    def text(self) -> str:
        """The filter as the user typed it, normalised."""
        return self._needle

    def set_text(self, text: str) -> None:
        """Narrow the rows to those matching `text`; "" shows every row."""
        self.beginFilterChange()
        self._initials = is_choseong_query(normalise(text))
        self._needle = _squash(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._needle in (index.data(SEARCH_ROLE) or ""):
            return True
        return self._initials and self._needle in (index.data(CHOSEONG_ROLE) or "")


class ProgrammeController(QObject):
    """Holds the strategy and the service names; labels the tree and describes nodes in a language."""

    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.strategy: list[dict[str, Any]] = read_strategy(catalogue)
        self.service_names: dict[str, dict[str, str]] = {
            service["id"]: service["names"] for service in catalogue.list_services()
        }
        self._documents = catalogue.documents()
        self._nodes: dict[str, tuple[str, dict[str, Any], list[str]]] = {}
        self._items: dict[str, QStandardItem] = {}
        self._icons: dict[str, QIcon] = {}
        self.lang = "ko"
        self.model = QStandardItemModel(self)
        self.filtered = ProgrammeFilterModel(self)
        self._build()
        self.filtered.setSourceModel(self.model)
        localizer = active()
        self.relabel(localizer.lang if localizer else "ko")

    # --- the tree -------------------------------------------------------------------------------

    def _icon(self, name: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = icon(_ICONS[name])
        return self._icons[name]

    def _item(self, key: str, kind: str, node: dict[str, Any], parents: list[str]) -> QStandardItem:
        self._nodes[key] = (kind, node, parents)
        item = QStandardItem()
        item.setEditable(False)
        item.setData(key, KEY_ROLE)
        texts = [*node["names"].values()]
        if kind == "action":
            texts += [node["id"], *(t for i in node["initiatives"] for t in i.values())]
            texts += [t for s in node["services"] for t in self.service_names.get(s, {}).values()]
            item.setIcon(self._icon("action" if node["kind"] == "action" else "supporting"))
        else:
            item.setIcon(self._icon(kind))
        item.setData("\n".join(_squash(t) for t in texts), SEARCH_ROLE)
        item.setData("\n".join(choseong(t) for t in texts), CHOSEONG_ROLE)
        self._items[key] = item
        return item

    def _build(self) -> None:
        root = self.model.invisibleRootItem()
        for goal in self.strategy:
            goal_key = f"goal:{goal['goal']}"
            goal_item = self._item(goal_key, "goal", goal, [])
            for program in goal["programs"]:
                program_key = f"program:{program['number']}"
                program_item = self._item(program_key, "program", program, [goal_key])
                for action in program["actions"]:
                    key = f"action:{action['id']}"
                    program_item.appendRow(self._item(key, "action", action, [goal_key, program_key]))
                goal_item.appendRow(program_item)
            root.appendRow(goal_item)

    def relabel(self, lang: str) -> None:
        """Label every row in `lang` through the active interface language ("Programme 7 · …")."""
        self.lang = lang
        for key, item in self._items.items():
            label = self.label(key)
            item.setText(label)
            item.setToolTip(label)
            item.setData(label, Qt.ItemDataRole.AccessibleTextRole)

    def set_filter(self, text: str) -> None:
        """Narrow the tree (`filtered`) to the rows matching `text`."""
        self.filtered.set_text(text)

    def index_of(self, key: str) -> QModelIndex:
        """The source model's index of a node, invalid when the key is unknown."""
        item = self._items.get(key)
        return item.index() if item is not None else QModelIndex()

    # --- words ----------------------------------------------------------------------------------

    def _number_label(self, key: str) -> str:
        """ "Goal 1", "Programme 7", "Action 2" or "Supporting" for a node."""
        kind, node, _parents = self._nodes[key]
        if kind == "goal":
            return _("Goal {n}").format(n=node["goal"])
        if kind == "program":
            return _("Programme {n}").format(n=node["number"])
        if node["kind"] == "action" and node["number"] is not None:
            return _("Action {n}").format(n=node["number"])
        return _("Supporting")

    def label(self, key: str) -> str:
        """A node's row label in the current language: "Goal 1 · Governance: …"."""
        _kind, node, _parents = self._nodes[key]
        return f"{self._number_label(key)} · {pick(node['names'], self.lang)}"

    def service_name(self, service_id: str) -> str:
        """A service's name in the current language (its id when the catalogue lacks it)."""
        return pick(self.service_names.get(service_id), self.lang) or service_id

    def period_text(self, action: dict[str, Any]) -> tuple[str, bool]:
        """An action's period ("2019–2022", "2018 onwards (no end year given)") and whether it is unknown."""
        period = action["period"]
        if not period:
            return _("Period not given in the source"), True
        start, end = period["start"], period["end"]
        if end is None:
            return _("{start} onwards (no end year given)").format(start=start), False
        return (str(start) if start == end else f"{start}–{end}"), False

    def budget_text(self, action: dict[str, Any]) -> tuple[str, str, bool]:
        """An action's budget formatted for the interface locale, the source's own words, and unknown."""
        amount = action["budget_krw"]
        source = (
            _("in the source: “{text}”").format(text=action["budget_text"]) if action["budget_text"] else ""
        )
        if amount is None:
            return _("Budget not given in the source"), source, True
        localizer = active()
        shown = localizer.format_krw_short(amount) if localizer else f"{amount:,} KRW"
        return shown, source, False

    def _sources(self, sources: list[dict[str, str]]) -> Block:
        items = []
        for source in sources:
            document = pick(self._documents.get(source["document"]), self.lang) or source["document"]
            quote = source["quote"] if source["quote"][:1] in "“\"'‘" else f"“{source['quote']}”"
            items.append(f"{document} — {source['section']}: {quote}")
        return Block(_("Sources"), items=items)

    def _service_links(self, ids: list[str]) -> list[Link]:
        return [Link(f"service:{sid}", self.service_name(sid)) for sid in ids]

    # --- details --------------------------------------------------------------------------------

    def detail(self, key: str) -> NodeDetail | None:
        """What to show for node `key` in the current language; None when there is no such node."""
        if key not in self._nodes:
            return None
        kind, node, parents = self._nodes[key]
        other = "en" if self.lang == "ko" else "ko"
        # The strategy was written in English: a Korean reader also sees the original title; an
        # English reader sees English only.
        other_title = node["names"].get(other, "") if self.lang == "ko" else ""
        trail = [Link(f"node:{parent}", self.label(parent)) for parent in parents]
        if kind == "goal":
            blocks = self._goal_blocks(node)
        elif kind == "program":
            blocks = self._program_blocks(node)
        else:
            blocks = self._action_blocks(node, int(parents[-1].partition(":")[2]))
        for block in blocks:
            block.paragraphs = [p for p in block.paragraphs if p]
            block.items = [i for i in block.items if i]
        blocks = [b for b in blocks if b.paragraphs or b.items or b.links or b.unknown]
        return NodeDetail(
            key, kind, self._number_label(key), pick(node["names"], self.lang), other_title, trail, blocks
        )

    def _goal_blocks(self, goal: dict[str, Any]) -> list[Block]:
        programs = [
            Link(f"node:program:{p['number']}", self.label(f"program:{p['number']}"))
            for p in goal["programs"]
        ]
        return [
            Block(_("What it aims for"), paragraphs=[pick(goal["description"], self.lang)]),
            Block(_("Programmes"), links=programs),
            self._sources(goal["sources"]),
        ]

    def _program_blocks(self, program: dict[str, Any]) -> list[Block]:
        actions = [
            Link(f"node:action:{a['id']}", self.label(f"action:{a['id']}")) for a in program["actions"]
        ]
        services = list(dict.fromkeys(s for a in program["actions"] for s in a["services"]))
        return [
            Block(_("What it does"), paragraphs=[pick(program["description"], self.lang)]),
            Block(_("Actions"), links=actions),
            Block(_("Services its actions deliver"), links=self._service_links(services)),
            self._sources(program["sources"]),
        ]

    def _action_blocks(self, action: dict[str, Any], program: int) -> list[Block]:
        lang = self.lang
        if action["kind"] == "action" and action["number"] is not None:
            kind = _("Action {n} of Programme {p}").format(n=action["number"], p=program)
        else:
            kind = _("Supporting action of Programme {p}").format(p=program)
        period, period_unknown = self.period_text(action)
        budget, budget_source, budget_unknown = self.budget_text(action)
        return [
            Block(_("Kind"), paragraphs=[kind]),
            Block(_("Period"), paragraphs=[period], unknown=period_unknown),
            Block(_("Budget"), paragraphs=[budget], aside=budget_source, unknown=budget_unknown),
            Block(_("Departments"), items=[pick(d, lang) for d in action["departments"]]),
            Block(_("Partners"), items=[pick(p, lang) for p in action["partners"]]),
            Block(_("Shocks and stresses"), paragraphs=[pick(action["shocks_stresses"], lang)]),
            Block(_("Resilience goal"), paragraphs=[pick(action["resilience_goal"], lang)]),
            Block(_("Explanation"), paragraphs=[pick(action["explanation"], lang)]),
            Block(_("Initiatives"), items=[pick(i, lang) for i in action["initiatives"]]),
            Block(
                _("Services it delivers"),
                paragraphs=[] if action["services"] else [_("No service in this catalogue belongs to it.")],
                links=self._service_links(action["services"]),
            ),
            Block(_("Notes"), items=[pick(n, lang) for n in action["notes"]]),
            self._sources(action["sources"]),
        ]
