"""Which machines type through the touch keyboard: the kiosk always; others only with a touch screen
(`--touch-keyboard auto`) or when asked (`on`), since it takes the place of the system's Hangul input."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import cli
from explorer.ui.easy import input_method

# Blocks as Linux prints them in /proc/bus/input/devices (taken from real laptops' listings).
KEYBOARD = """I: Bus=0011 Vendor=0001 Product=0001 Version=ab83
N: Name="AT Translated Set 2 keyboard"
P: Phys=isa0060/serio0/input0
S: Sysfs=/devices/platform/i8042/serio0/input/input3
U: Uniq=
H: Handlers=sysrq kbd leds event3
B: PROP=0
B: EV=120013
B: KEY=402000000 3803078f800d001 feffffdfffefffff fffffffffffffffe
B: MSC=10
B: LED=7
"""
TOUCHPAD = """I: Bus=0018 Vendor=06cb Product=cd8b Version=0100
N: Name="SYNA3297:00 06CB:CD8B Touchpad"
P: Phys=i2c-SYNA3297:00
S: Sysfs=/devices/pci0000:00/0000:00:15.1/i2c_designware.1/i2c-2/i2c-SYNA3297:00/input/input16
U: Uniq=
H: Handlers=mouse1 event15
B: PROP=5
B: EV=1b
B: KEY=e520 10000 0 0 0 0
B: ABS=2e0800000000003
B: MSC=20
"""
TOUCH_SCREEN = """I: Bus=0018 Vendor=04f3 Product=2a1c Version=0100
N: Name="ELAN Touchscreen"
P: Phys=i2c-ELAN2514:00
S: Sysfs=/devices/pci0000:00/0000:00:15.0/i2c_designware.0/i2c-1/i2c-ELAN2514:00/input/input12
U: Uniq=
H: Handlers=mouse2 event11
B: PROP=2
B: EV=b
B: KEY=400 0 0 0 0 0
B: ABS=3273800000000003
"""


def listing(tmp_path: Path, *blocks: str) -> Path:
    path = tmp_path / "devices"
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def test_a_laptop_with_keyboard_and_touchpad_keeps_its_own_input_method(tmp_path: Path) -> None:
    devices = listing(tmp_path, KEYBOARD, TOUCHPAD)
    assert not input_method.wanted("auto", kiosk=False, devices=devices)
    assert input_method.wanted("on", kiosk=False, devices=devices)  # asked for


def test_a_touch_screen_brings_the_touch_keyboard(tmp_path: Path) -> None:
    devices = listing(tmp_path, KEYBOARD, TOUCHPAD, TOUCH_SCREEN)
    assert input_method.wanted("auto", kiosk=False, devices=devices)
    assert not input_method.wanted("off", kiosk=False, devices=devices)  # refused


def test_the_kiosk_always_types_through_the_touch_keyboard(tmp_path: Path) -> None:
    devices = listing(tmp_path, KEYBOARD)
    assert input_method.wanted("auto", kiosk=True, devices=devices)
    assert input_method.wanted("off", kiosk=True, devices=devices)


@pytest.mark.parametrize(
    "text",
    ["", "B: PROP=zz\nB: EV=\n", "\x00\xff garbage", "B: PROP=2\n\nB: EV=b\n"],  # split across devices
)
def test_an_unreadable_or_strange_listing_means_no_touch_screen(tmp_path: Path, text: str) -> None:
    assert not input_method.touch_screen_in(text)
    assert not input_method.wanted("auto", kiosk=False, devices=tmp_path / "missing")


def test_an_unknown_choice_is_refused_before_anything_opens() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["--touch-keyboard", "sometimes"])
    assert result.exit_code == 2 and "sometimes" in result.output
