"""Easy mode (big type, one thing per screen, for touch) and the kiosk around it.

window: the fixed bars and the history; pages: the screens; widgets: BigButton, NumberPad;
theme: colours and sizes; speech: read aloud; keyboard: Qt Virtual Keyboard; kiosk: the locks.
"""
