# speech for the browser simulator: what the micro:bit would say is shown as text.
import _hw


def say(words, **kwargs):
    _hw.emit("sound", "Siger: " + str(words))


def pronounce(phonemes, **kwargs):
    say(phonemes)


def sing(phonemes, **kwargs):
    say(phonemes)
