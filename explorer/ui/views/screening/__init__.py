"""The screening panel (`ScreeningView`), in parts: the field widgets (`fields`), the form made from
the field table and the profile read out of it (`form`), the results' rows and their card
(`delegate`), the results as rich text and the side that shows them (`results`), and the panel that
composes them (`view`)."""

from explorer.ui.views.screening.delegate import (
    HTML_ROLE,
    ID_ROLE,
    RESULT_ROLE,
    STATUS_ROLE,
    ResultDelegate,
    ResultTree,
)
from explorer.ui.views.screening.fields import ChoiceCombo, MoneyEdit, OptionalSpinBox
from explorer.ui.views.screening.form import SECTIONS, FormBox
from explorer.ui.views.screening.results import OPEN_BY_DEFAULT, benefit_line, result_html
from explorer.ui.views.screening.richtext import plain_text
from explorer.ui.views.screening.view import ScreeningView

__all__ = [
    "HTML_ROLE",
    "ID_ROLE",
    "OPEN_BY_DEFAULT",
    "RESULT_ROLE",
    "SECTIONS",
    "STATUS_ROLE",
    "ChoiceCombo",
    "FormBox",
    "MoneyEdit",
    "OptionalSpinBox",
    "ResultDelegate",
    "ResultTree",
    "ScreeningView",
    "benefit_line",
    "plain_text",
    "result_html",
]
