"""Draw the images and synthesise the sounds of the game projects.

Every picture and sound in games/projects/*/images and */sounds is made by this
script (pygame drawing, Python's wave module), so the assets are ours, licence-clean
(same licence as the code) and small. Run it again after changing a drawing:

    .venv/bin/python games/assets_src/make_assets.py
"""
import math
import os
import random
import struct
import wave
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

PROJECTS = Path(__file__).resolve().parent.parent / "projects"
RATE = 22050


# ---- drawing helpers -----------------------------------------------------------
def canvas(width, height):
    return pygame.Surface((width, height), pygame.SRCALPHA)


def save(surface, project, name):
    folder = PROJECTS / project / "images"
    folder.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(folder / f"{name}.png"))


def basket():
    s = canvas(80, 44)
    pygame.draw.polygon(s, (150, 90, 40), [(4, 10), (76, 10), (66, 42), (14, 42)])
    for x in range(14, 70, 10):
        pygame.draw.line(s, (110, 60, 25), (x, 12), (x - 2 if x < 40 else x + 2, 40), 2)
    pygame.draw.line(s, (110, 60, 25), (8, 24), (72, 24), 2)
    pygame.draw.rect(s, (120, 70, 30), (0, 6, 80, 8), border_radius=4)
    return s


def apple():
    s = canvas(32, 34)
    pygame.draw.circle(s, (210, 20, 30), (11, 20), 11)
    pygame.draw.circle(s, (210, 20, 30), (21, 20), 11)
    pygame.draw.circle(s, (255, 120, 120), (9, 16), 3)
    pygame.draw.line(s, (90, 50, 20), (16, 10), (18, 2), 3)
    pygame.draw.ellipse(s, (40, 160, 40), (18, 2, 11, 6))
    return s


def mouse_player():
    s = canvas(36, 36)
    pygame.draw.ellipse(s, (150, 150, 160), (4, 10, 28, 22))
    pygame.draw.circle(s, (180, 180, 190), (9, 9), 7)
    pygame.draw.circle(s, (180, 180, 190), (27, 9), 7)
    pygame.draw.circle(s, (255, 170, 190), (9, 9), 4)
    pygame.draw.circle(s, (255, 170, 190), (27, 9), 4)
    pygame.draw.circle(s, (0, 0, 0), (13, 19), 2)
    pygame.draw.circle(s, (0, 0, 0), (23, 19), 2)
    pygame.draw.circle(s, (240, 100, 130), (18, 25), 3)
    return s


def cheese():
    s = canvas(36, 36)
    pygame.draw.polygon(s, (250, 210, 50), [(2, 30), (34, 30), (34, 10), (2, 22)])
    for x, y, r in ((12, 24, 3), (24, 20, 4), (29, 26, 2)):
        pygame.draw.circle(s, (220, 170, 30), (x, y), r)
    return s


def wall():
    s = canvas(40, 40)
    s.fill((120, 60, 50))
    for row in range(4):
        y = row * 10
        pygame.draw.line(s, (200, 190, 180), (0, y), (40, y), 1)
        offset = 0 if row % 2 else 10
        for x in range(offset, 40, 20):
            pygame.draw.line(s, (200, 190, 180), (x, y), (x, y + 10), 1)
    return s


def ship():
    s = canvas(50, 40)
    pygame.draw.polygon(s, (200, 210, 230), [(25, 0), (42, 34), (25, 28), (8, 34)])
    pygame.draw.polygon(s, (60, 140, 230), [(25, 8), (31, 22), (19, 22)])
    pygame.draw.polygon(s, (255, 150, 0), [(19, 30), (25, 40), (31, 30)])
    return s


def laser():
    s = canvas(6, 16)
    pygame.draw.rect(s, (120, 255, 120), (0, 0, 6, 16), border_radius=3)
    pygame.draw.rect(s, (230, 255, 230), (2, 2, 2, 12))
    return s


def alien():
    s = canvas(40, 30)
    pygame.draw.ellipse(s, (140, 60, 200), (0, 8, 40, 18))
    pygame.draw.ellipse(s, (190, 230, 255), (10, 0, 20, 16))
    for x in (8, 20, 32):
        pygame.draw.circle(s, (255, 230, 80), (x, 18), 3)
    return s


def jumper():
    s = canvas(30, 40)
    pygame.draw.circle(s, (250, 200, 160), (15, 8), 8)
    pygame.draw.rect(s, (40, 120, 220), (7, 16, 16, 14), border_radius=3)
    pygame.draw.rect(s, (50, 50, 60), (8, 30, 5, 10))
    pygame.draw.rect(s, (50, 50, 60), (17, 30, 5, 10))
    pygame.draw.circle(s, (0, 0, 0), (12, 7), 1)
    pygame.draw.circle(s, (0, 0, 0), (18, 7), 1)
    return s


def platform(width):
    s = canvas(width, 20)
    pygame.draw.rect(s, (110, 75, 40), (0, 4, width, 16))
    pygame.draw.rect(s, (70, 180, 60), (0, 0, width, 7), border_radius=3)
    return s


def owl():
    s = canvas(60, 64)
    pygame.draw.ellipse(s, (150, 100, 60), (4, 8, 52, 56))
    pygame.draw.polygon(s, (150, 100, 60), [(8, 14), (14, 0), (22, 12)])
    pygame.draw.polygon(s, (150, 100, 60), [(52, 14), (46, 0), (38, 12)])
    for x in (20, 40):
        pygame.draw.circle(s, (255, 255, 255), (x, 26), 10)
        pygame.draw.circle(s, (0, 0, 0), (x, 27), 4)
    pygame.draw.polygon(s, (250, 170, 40), [(26, 36), (34, 36), (30, 44)])
    pygame.draw.ellipse(s, (220, 190, 150), (16, 42, 28, 18))
    return s


def round_player(colour):
    s = canvas(40, 40)
    pygame.draw.circle(s, colour, (20, 20), 19)
    pygame.draw.circle(s, (255, 255, 255), (14, 16), 5)
    pygame.draw.circle(s, (255, 255, 255), (26, 16), 5)
    pygame.draw.circle(s, (0, 0, 0), (14, 17), 2)
    pygame.draw.circle(s, (0, 0, 0), (26, 17), 2)
    pygame.draw.arc(s, (0, 0, 0), (11, 18, 18, 12), math.pi, 2 * math.pi, 2)
    return s


def star():
    s = canvas(36, 36)
    points = []
    for i in range(10):
        radius = 17 if i % 2 == 0 else 7
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((18 + radius * math.cos(angle), 18 + radius * math.sin(angle)))
    pygame.draw.polygon(s, (255, 215, 0), points)
    pygame.draw.polygon(s, (200, 150, 0), points, 2)
    return s


def meteor():
    s = canvas(34, 34)
    pygame.draw.circle(s, (120, 110, 100), (17, 17), 15)
    for x, y, r in ((11, 12, 4), (22, 20, 5), (14, 24, 3)):
        pygame.draw.circle(s, (85, 75, 70), (x, y), r)
    return s


# ---- sounds ------------------------------------------------------------------
def tone(frequencies, seconds, volume=0.4, noise=0.0, seed=1):
    """Samples of a tone sliding through frequencies, with a short fade in and out."""
    generator = random.Random(seed)
    count = int(RATE * seconds)
    samples, phase = [], 0.0
    for i in range(count):
        t = i / count
        position = t * (len(frequencies) - 1)
        low = int(position)
        high = min(low + 1, len(frequencies) - 1)
        frequency = frequencies[low] + (frequencies[high] - frequencies[low]) * (position - low)
        phase += 2 * math.pi * frequency / RATE
        value = (1 - noise) * math.sin(phase) + noise * generator.uniform(-1, 1)
        envelope = min(1.0, i / (RATE * 0.005), (count - i) / (RATE * 0.03))
        samples.append(value * envelope * volume)
    return samples


def save_sound(samples, project, name):
    folder = PROJECTS / project / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    with wave.open(str(folder / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))


def melody(notes, length=0.09):
    samples = []
    for note in notes:
        samples += tone([note], length)
    return samples


def main():
    pygame.init()
    save(basket(), "spil-fang-aeblet", "kurv")
    save(apple(), "spil-fang-aeblet", "aeble")
    save_sound(tone([660, 990], 0.12), "spil-fang-aeblet", "bid")
    save_sound(tone([300, 120], 0.2, noise=0.3), "spil-fang-aeblet", "plop")

    save(mouse_player(), "spil-labyrint", "mus")
    save(cheese(), "spil-labyrint", "ost")
    save(wall(), "spil-labyrint", "mur")
    save_sound(tone([440, 520], 0.05, volume=0.25), "spil-labyrint", "trin")
    save_sound(melody([523, 659, 784, 1047]), "spil-labyrint", "jubel")

    save(ship(), "spil-rumskyder", "skib")
    save(laser(), "spil-rumskyder", "skud")
    save(alien(), "spil-rumskyder", "fjende")
    save_sound(tone([1400, 300], 0.15, volume=0.3), "spil-rumskyder", "laser")
    save_sound(tone([200, 60], 0.3, noise=0.7), "spil-rumskyder", "bang")

    save(jumper(), "spil-platform", "figur")
    save(platform(120), "spil-platform", "platform")
    save(platform(800), "spil-platform", "jord")
    save_sound(tone([300, 700], 0.15), "spil-platform", "hop")

    save(owl(), "spil-quiz", "ugle")
    save_sound(melody([784, 1047], 0.1), "spil-quiz", "rigtigt")
    save_sound(tone([220, 150], 0.3, volume=0.3), "spil-quiz", "forkert")

    save(round_player((220, 50, 50)), "spil-to-spillere", "roed")
    save(round_player((50, 90, 220)), "spil-to-spillere", "blaa")
    save(star(), "spil-to-spillere", "stjerne")
    save_sound(tone([880, 1320], 0.1), "spil-to-spillere", "pling")
    save_sound(melody([523, 659, 784, 659, 784, 1047], 0.1), "spil-to-spillere", "fanfare")

    save(round_player((40, 160, 80)), "spil-eget-spil", "spiller")
    save(star(), "spil-eget-spil", "stjerne")
    save(meteor(), "spil-eget-spil", "meteor")
    save_sound(tone([880, 1320], 0.1), "spil-eget-spil", "point")
    save_sound(tone([200, 60], 0.3, noise=0.7), "spil-eget-spil", "bump")


if __name__ == "__main__":
    main()
