"""Read aloud: each easy screen's main text spoken with QTextToSpeech in the chosen language.

Qt Text to Speech is imported when Read aloud is first used, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

#: The locale each interface language is spoken in.
LOCALES = {"ko": QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea), "en": QLocale("en_US")}


class Reader(QObject):
    """Speaks text in Korean or English, or says plainly why it cannot.

    `engine` is a QTextToSpeech engine name ("mock" in tests; None for Qt's default). The engine is
    made on first use, so a machine without speech loses nothing until Read aloud is pressed.
    """

    #: Speaking started (True) or stopped (False).
    speaking = Signal(bool)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine
        self._tts: QTextToSpeech | None = None
        self.last_text = ""

    def _engine(self) -> QTextToSpeech | None:
        if self._tts is None:
            try:
                from PySide6.QtTextToSpeech import QTextToSpeech

                tts = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
            except Exception:  # a broken plug-in must not take the screen down
                return None
            tts.stateChanged.connect(self._state)
            self._tts = tts
        return self._tts

    def _state(self, state: QTextToSpeech.State) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking.emit(state == QTextToSpeech.State.Speaking)

    def voice_for(self, lang: str) -> bool:
        """Whether the engine has a voice for `lang`."""
        tts = self._engine()
        from PySide6.QtTextToSpeech import QTextToSpeech

        if tts is None or tts.state() == QTextToSpeech.State.Error:
            return False
        wanted = LOCALES[lang]
        return any(loc.language() == wanted.language() for loc in tts.availableLocales())

    def say(self, text: str, lang: str) -> bool:
        """Speak `text` in `lang`; False (and nothing spoken) when no voice for it exists."""
        if not self.voice_for(lang):
            return False
        tts = self._engine()
        assert tts is not None
        wanted = LOCALES[lang]
        for locale in tts.availableLocales():
            if locale.language() == wanted.language():
                tts.setLocale(locale)
                break
        tts.stop()
        self.last_text = text
        tts.say(text)
        return True

    def stop(self) -> None:
        if self._tts is None:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts.state() in (
            QTextToSpeech.State.Speaking,
            QTextToSpeech.State.Paused,
            QTextToSpeech.State.Synthesizing,
        ):
            self._tts.stop()

    def is_speaking(self) -> bool:
        if self._tts is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._tts.state() == QTextToSpeech.State.Speaking
