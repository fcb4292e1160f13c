"""Read aloud: each easy screen's main text spoken with QTextToSpeech in the chosen language.

Qt Text to Speech is imported when Read aloud is first used, not at start-up.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

#: The locale each interface language is spoken in.
LOCALES = {"ko": QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea), "en": QLocale("en_US")}


#: How long the speech daemon may take to answer before Read aloud counts it as not there.
SPEECHD_DEADLINE_S = 2.0


def speechd_socket() -> Path | None:
    """Where speech-dispatcher listens for this user, as its client library looks for it
    (SPEECHD_ADDRESS, else $XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock, else the same under
    ~/.cache); None when it is not a Unix socket path."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address:
        kind, _sep, rest = address.partition(":")
        return Path(rest) if kind == "unix_socket" and rest else None
    runtime = os.environ.get("XDG_RUNTIME_DIR") or str(Path.home() / ".cache")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock"


def speechd_stuck(deadline: float | None = None) -> bool:
    """True when a speech-dispatcher is listening but does not answer within `deadline` seconds
    (None: SPEECHD_DEADLINE_S as it is when asked).

    Qt's speech-dispatcher engine waits for the daemon's answer on the GUI thread with no time
    limit: a daemon that hangs would freeze the screen (and the kiosk's idle reset behind it). No
    socket is not stuck: the client library starts a daemon of its own, which answers.
    """
    path = speechd_socket()
    if not sys.platform.startswith("linux") or path is None or not path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(SPEECHD_DEADLINE_S if deadline is None else deadline)
            probe.connect(str(path))
            probe.sendall(b"SET SELF CLIENT_NAME explorer:probe:main\r\n")
            answer = probe.recv(256)
            probe.sendall(b"QUIT\r\n")
    except ConnectionRefusedError:
        return False  # a socket left by a daemon that has gone: the library starts a new one
    except OSError:  # no answer in time, or the connection broke
        return True
    return not answer[:1].isdigit()


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
        self._stuck = False
        self.last_text = ""

    def _engine(self) -> QTextToSpeech | None:
        if self._tts is None:
            if self._stuck or (self.engine_name in (None, "speechd") and speechd_stuck()):
                self._stuck = True  # asked once: every Read aloud after it says so at once
                return None  # said as "cannot read aloud here", never a frozen screen
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
