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

    // The interface language picks the layout: "ko" -> ko_KR (Hangul), "en" -> en_US. The globe key
    // changes the layout without changing VirtualKeyboardSettings.locale, and setting that to the value
    // it already has changes nothing: so where the layout is not `lang`'s, the setting goes through the
    // other locale first and the keyboard takes `lang`'s layout again.
    function setLanguage(lang) {
        var want = lang === "ko" ? "ko_KR" : "en_US"
        var shown = panel.keyboard ? panel.keyboard.locale : InputContext.locale
        if (VirtualKeyboardSettings.locale === want && (shown !== want || InputContext.locale !== want))
            VirtualKeyboardSettings.locale = want === "ko_KR" ? "en_US" : "ko_KR"
        VirtualKeyboardSettings.locale = want
    }
    function locale() { return InputContext.locale }
    function availableLocales() { return VirtualKeyboardSettings.availableLocales.join(",") }
    // The kiosk's reset: nothing of the last person's typing stays in the keyboard (a half-built Hangul
    // syllable, the word candidates, shift or caps lock, the symbol page, a layout chosen with the globe
    // key), and the layout is `lang`'s. The layout changes first: English turns shift on at the start of
    // an empty box, and the new layout arrives a moment later, so shift is put off again once it has.
    function forget(lang) {
        try { panel.keyboard.hideLanguagePopup() } catch (e) {}
        try { InputContext.inputEngine.reset() } catch (e) {}
        try { InputContext.clear() } catch (e) {}
        setLanguage(lang)
        unshift()
        settling.left = 10  // a few more times over the next 200 ms, while the layout loads
        settling.restart()
    }
    function unshift() {
        try {
            var shift = InputContext.priv.shiftHandler
            shift.capsLockActive = false
            shift.shiftActive = false
        } catch (e) {}
        try { panel.keyboard.symbolMode = false } catch (e) {}
    }
    Timer {
        id: settling
        interval: 20
        repeat: true
        property int left: 0
        onTriggered: { root.unshift(); if (--left <= 0) stop() }
    }
    Connections {
        target: InputContext
        function onLocaleChanged() { if (settling.running) root.unshift() }
    }
    // What a reset must clear, for tests: "shift,caps,symbols,preedit" as 0/1 flags.
    function state() {
        var shift = InputContext.priv.shiftHandler
        return [shift.shiftActive ? 1 : 0, shift.capsLockActive ? 1 : 0, panel.keyboard.symbolMode ? 1 : 0,
                InputContext.preeditText.length > 0 ? 1 : 0].join(",")
    }
    // Make the keyboard busy, as a person would leave it (tests).
    function dirty() {
        var shift = InputContext.priv.shiftHandler
        shift.capsLockActive = true
        panel.keyboard.symbolMode = true
    }
    // Press a key as a finger would (tests use this: QTest cannot type Hangul).
    function press(key, text) { InputContext.inputEngine.virtualKeyClick(key, text, 0) }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["ko_KR", "en_US"]
        VirtualKeyboardSettings.locale = "ko_KR"
        VirtualKeyboardSettings.fullScreenMode = false
    }
}
