// The touch keyboard of easy mode: Qt Virtual Keyboard's own panel, with its Korean (Hangul) and
// English layouts, embedded in the window instead of floating over it.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    width: 1600
    height: 480

    // The panel keeps its own proportions (0.3125 high per wide, measured; 0.32 leaves a margin): as wide
    // as lets its whole height fit, so no row of keys is ever cut off at the top or the bottom.
    InputPanel {
        id: panel
        objectName: "inputPanel"
        width: Math.min(root.width, root.height / 0.32)
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        active: true
        visible: true
    }

    // The interface language picks the layout: "ko" -> ko_KR (Hangul), "en" -> en_US.
    function setLanguage(lang) {
        VirtualKeyboardSettings.locale = lang === "ko" ? "ko_KR" : "en_US"
    }
    function locale() { return InputContext.locale }
    function availableLocales() { return VirtualKeyboardSettings.availableLocales.join(",") }
    // Press a key as a finger would (tests use this: QTest cannot type Hangul).
    function press(key, text) { InputContext.inputEngine.virtualKeyClick(key, text, 0) }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["ko_KR", "en_US"]
        VirtualKeyboardSettings.locale = "ko_KR"
        VirtualKeyboardSettings.fullScreenMode = false
    }
}
