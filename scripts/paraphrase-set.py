#!/usr/bin/env python3
"""Writes data/paraphrases.jsonl: instructions written the way people write them, with the events each one means.

The templates below were written by hand, one user's phrasing each (tense, clause order, omissions, punctuation as
people type them); they share no code or word lists with the project's InstructionGenerator. The expected events are
written by hand next to each template (never taken from the parser). Each template is instantiated a few times with
other colours and shapes (objects of one scene keep distinct colours and shapes, and a turn never targets the colour the
object already has), so the set has many instructions but every wording was chosen by a person.

Template syntax: {a}, {b}, {c} are objects ("red circle"); {a.color} / {a.shape} their words; {t1}, {t2} colours to
turn to (never the subject's colour at that moment). Events: "a:move_right a:turn_t1 b:jump a:grow:slow".

Usage: python3 scripts/paraphrase-set.py [--out data/paraphrases.jsonl] [--per-template 4] [--seed 12]
"""
import argparse
import json
import random

COLORS = ["red", "green", "blue", "yellow", "purple", "cyan", "white"]
SHAPES = ["circle", "square", "triangle"]

# (text, events, options); no options are used at present.
TEMPLATES = [
    # --- inflection and aspect -------------------------------------------------------------------------------------
    ("A {a} sits in the middle. It moved to the right, then it turned {t1}.", "a:move_right a:turn_t1", {}),
    ("A {a} is on the left. The {a.shape} has moved to the right and has turned {t1}.", "a:move_right a:turn_t1", {}),
    ("There's a {a} at the top. It is moving down, then it is turning {t1}.", "a:move_down a:turn_t1", {}),
    ("A {a} starts in the bottom left corner. It moved up. After moving up, it jumped.", "a:move_up a:jump", {}),
    ("a {a} is at the left. it slid to the right and then it hopped", "a:move_right a:jump", {}),
    ("A {a} rests on the right. First it shrank, then it moved left.", "a:shrink a:move_left", {}),
    ("A {a} sits in the centre. It has grown and then it has vanished.", "a:grow a:vanish", {}),
    ("A {a} is in the middle. It will jump, then it will move to the left.", "a:jump a:move_left", {}),
    ("A {a} is on the left side. It rose, it fell, and then it became {t1}.", "a:move_up a:move_down a:turn_t1", {}),
    ("A {a} is placed at the top left. It is sliding right. Then it is sliding down.", "a:move_right a:move_down", {}),
    ("A {a} and a {b}: the {a.shape} is on the left and the {b.shape} is on the right. The {a.shape} jumped. The {b.shape} disappeared.",
     "a:jump b:vanish", {}),
    ("There is a {a} on the left and a {b} on the right. The {a.shape} jumped, then the {b.shape} disappeared.", "a:jump b:vanish", {}),
    ("A {a} sits at the bottom. After jumping twice it turned {t1}.", "a:jump a:jump a:turn_t1", {}),
    ("A {a} waits in the top right corner. It started moving left, then it dropped down.", "a:move_left a:move_down", {}),

    # --- subordinate clauses of time ---------------------------------------------------------------------------------
    ("A {a} sits in the middle. When it has finished moving right, it turns {t1}.", "a:move_right a:turn_t1", {}),
    ("A {a} sits in the middle. It moves right. When it has finished, it turns {t1}.", "a:move_right a:turn_t1", {}),
    ("A {a} is on the left. Before it turns {t1}, it slides to the right.", "a:move_right a:turn_t1", {}),
    ("A {a} is on the right. It jumps before it turns {t1}.", "a:jump a:turn_t1", {}),
    ("A {a} is at the bottom. It turns {t1} after it jumps.", "a:jump a:turn_t1", {}),
    ("A {a} is in the center. After it grows, it moves up.", "a:grow a:move_up", {}),
    ("A {a} is in the center. Once it has shrunk, it moves down.", "a:shrink a:move_down", {}),
    ("There is a {a} on the left. As soon as it has moved right, it hops.", "a:move_right a:jump", {}),
    ("A {a} rests on the left and a {b} rests on the right. Before the {b.shape} vanishes, the {a.shape} jumps.",
     "a:jump b:vanish", {}),
    ("A {a} is at the top and a {b} is at the bottom. The {a.shape} turns {t1} after the {b.shape} has jumped.",
     "b:jump a:turn_t1", {}),
    ("A {a} is in the middle. When it is done growing, it turns {t1}.", "a:grow a:turn_t1", {}),
    ("A {a} is in the middle. It grows. When that is done it turns {t1}.", "a:grow a:turn_t1", {}),
    ("A {a} sits at the left. It moves right; once it is done, it moves up.", "a:move_right a:move_up", {}),
    ("A {a} sits on the left. After sliding to the right, it shrinks, and after that it fades away.",
     "a:move_right a:shrink a:vanish", {}),
    ("A {a} sits on the right. Before sliding left, it jumps.", "a:jump a:move_left", {}),

    # --- bare and stative verbs ---------------------------------------------------------------------------------------
    ("A {a} is on the left. It stays, then it moves right.", "a:stay a:move_right", {}),
    ("A {a} sits in the middle. It keeps still for a moment, then it jumps.", "a:stay a:jump", {}),
    ("A {a} sits in the middle. It waits, then it grows.", "a:stay a:grow", {}),
    ("A {a} is at the top. It pauses for a bit and then drops down.", "a:stay a:move_down", {}),
    ("A {a} is at the bottom right. It rests for a while, then it moves left.", "a:stay a:move_left", {}),
    ("A {a} is on the left. It holds still, then slides right, then holds still again.", "a:stay a:move_right a:stay", {}),
    ("A {a} sits on the right. It does nothing at first, then it turns {t1}.", "a:stay a:turn_t1", {}),
    ("A {a} is in the middle. It stays where it is for a moment and then it vanishes.", "a:stay a:vanish", {}),
    ("A {a} sits in the middle. It remains still. Then it shrinks.", "a:stay a:shrink", {}),
    ("A {a} is at the top. It stayed put, then it moved down.", "a:stay a:move_down", {}),

    # --- repetition and additive words -------------------------------------------------------------------------------
    ("A {a} sits at the bottom. It hops once, then it hops again.", "a:jump a:jump", {}),
    ("A {a} is on the left. It jumps. It jumps again, then moves right.", "a:jump a:jump a:move_right", {}),
    ("A {a} sits in the middle. It jumps once more after turning {t1}.", "a:turn_t1 a:jump", {}),
    ("A {a} is at the bottom left. It jumps, moves right, and jumps a second time.", "a:jump a:move_right a:jump", {}),
    ("A {a} is on the left and a {b} is on the right. The {a.shape} jumps. The {b.shape} jumps too.", "a:jump b:jump", {}),
    ("A {a} is on the left and a {b} is on the right. The {a.shape} turns {t1}, and the {b.shape} turns {t2} as well.",
     "a:turn_t1 b:turn_t2", {}),
    ("A {a} sits in the middle. It jumps twice, then it jumps once more.", "a:jump a:jump a:jump", {}),
    ("A {a} is at the left. It hops three times.", "a:jump a:jump a:jump", {}),
    ("A {a} is on the right. It jumps 2 times, then it slides left.", "a:jump a:jump a:move_left", {}),
    ("A {a} sits at the top. It moves down, and then it moves down again.", "a:move_down a:move_down", {}),
    ("A {a} and a {b} sit on the left and on the right. Both jump.", "a:jump b:jump", {}),

    # --- particles and destinations -----------------------------------------------------------------------------------
    ("A {a} is at the top. It falls down.", "a:move_down", {}),
    ("A {a} sits at the bottom. It rises up to the top.", "a:move_up a:move_up", {}),
    ("A {a} sits in the middle. It rises up to the top, then comes back down.", "a:move_up a:move_down", {}),
    ("A {a} is on the left. It slides to the right and then comes back.", "a:move_right a:move_left", {}),
    ("A {a} is on the left. It moves all the way to the right.", "a:move_right a:move_right", {}),
    ("A {a} is at the top. It drops to the bottom, then turns {t1}.", "a:move_down a:move_down a:turn_t1", {}),
    ("A {a} sits on the right. It goes back and forth.", "a:move_left a:move_right", {}),
    ("A {a} is in the middle. It moves to the left, then it goes back to the middle.", "a:move_left a:move_right", {}),
    ("A {a} is on the left. It disappears and then comes back.", "a:vanish a:appear", {}),
    ("A {a} is at the bottom. It climbs up, then it drops back down.", "a:move_up a:move_down", {}),
    ("A {a} is in the top left corner. It slides over to the right.", "a:move_right", {}),
    ("A {a} sits at the right. It heads left and then floats up.", "a:move_left a:move_up", {}),
    ("A {a} is in the center. It moves up to the top and then back to the center.", "a:move_up a:move_down", {}),

    # --- defaults that must make the instruction possible ----------------------------------------------------------------
    ("A {a} sits in the middle. It grows, then it turns {t1}.", "a:grow a:turn_t1", {}),
    ("A {a} sits in the middle. It gets bigger and bigger... then shrinks.", "a:grow a:shrink", {}),
    ("A {a} sits in the middle. It gets bigger, then it shrinks.", "a:grow a:shrink", {}),
    ("A {a} rests on the left and a {b} rests on the right. The {a.shape} slides to the right, then the {b.shape} jumps.",
     "a:move_right b:jump", {}),
    ("A {a} is on the left and a {b} is in the middle. The {b.shape} grows.", "b:grow", {}),
    ("A {a} is at the top and a {b} is in the middle. The {b.shape} jumps.", "b:jump", {}),
    ("A {a} is in the middle and a {b} is on the right. The {b.shape} moves up, then the {a.shape} grows.", "b:move_up a:grow", {}),
    ("A {a} is on the left, a {b} is in the middle and a {c} is on the right. The {b.shape} jumps.", "b:jump", {}),
    ("A {a} sits at the bottom. It grows and then jumps.", "a:grow a:jump", {}),
    ("A {a} sits on the left. It shrinks.", "a:shrink", {}),

    # --- manner adverbs -------------------------------------------------------------------------------------------------
    ("A {a} sits on the left. It quickly moves to the right, then slowly turns {t1}.", "a:move_right a:turn_t1:slow", {}),
    ("A {a} is in the middle. It smoothly glides up and then suddenly vanishes.", "a:move_up a:vanish", {}),
    ("A {a} sits at the bottom. It slowly rises, then quickly hops.", "a:move_up:slow a:jump", {}),
    ("A {a} is on the right. It moves left very slowly.", "a:move_left:slow", {}),
    ("A {a} sits in the center. Gradually it grows, then it immediately turns {t1}.", "a:grow:slow a:turn_t1", {}),
    ("A {a} sits in the center. It gradually grows, then it immediately turns {t1}.", "a:grow:slow a:turn_t1", {}),
    ("A {a} sits at the top. It gently drifts down, then it jumps.", "a:move_down a:jump", {}),

    # --- articles, pronouns, sentence shapes -------------------------------------------------------------------------------
    ("The {a} is on the left. It moves to the right.", "a:move_right", {}),
    ("The {a} is at the top and the {b} is at the bottom. The {a} turns {t1}. Then the {b} jumps.", "a:turn_t1 b:jump", {}),
    ("A {a} on the left moves right and then turns {t1}.", "a:move_right a:turn_t1", {}),
    ("In the middle there is a {a}. It jumps twice.", "a:jump a:jump", {}),
    ("On the right there's a {a}. It slides left, then it shrinks.", "a:move_left a:shrink", {}),
    ("A {a} sits in the middle of the screen. The shape jumps and then turns {t1}.", "a:jump a:turn_t1", {}),
    ("A {a} is on the left. Next to it, on the right, a {b}. The {a.shape} jumps.", "a:jump", {}),
    ("A {a} is at the top, a {b} at the bottom. The {b.shape} jumps, and the {a.shape} moves down.", "b:jump a:move_down", {}),
    ("There are a {a} on the left and a {b} on the right. First the {a.shape} turns {t1}, then the {b.shape} vanishes.",
     "a:turn_t1 b:vanish", {}),

    # --- punctuation and capitalisation --------------------------------------------------------------------------------------
    ("a {a} sits in the middle. it jumps, then it turns {t1}", "a:jump a:turn_t1", {}),
    ("A {a} sits in the middle!  It jumps -- then it turns {t1}!", "a:jump a:turn_t1", {}),
    ("A {a} is on the left... It moves right... then it jumps.", "a:move_right a:jump", {}),
    ("A {a} is on the left. It moves right — then it jumps.", "a:move_right a:jump", {}),
    ("A {a} is on the left; it moves right; it jumps; it turns {t1}", "a:move_right a:jump a:turn_t1", {}),
    ("A {a} is on the left.It moves right.Then it jumps.", "a:move_right a:jump", {}),
    ("A {A} IS ON THE LEFT. IT MOVES RIGHT AND THEN IT JUMPS.", "a:move_right a:jump", {}),
    ("A {a} is on the left, it moves right, then it jumps, and finally it turns {t1}.", "a:move_right a:jump a:turn_t1", {}),
    ("A {a} is on the left. It moves right (slowly), then it jumps.", "a:move_right:slow a:jump", {}),
]


def render(text, objects, turns):
    out = text
    for key, (color, shape) in objects.items():
        out = out.replace("{" + key + ".color}", color).replace("{" + key + ".shape}", shape)
        out = out.replace("{" + key + "}", f"{color} {shape}").replace("{" + key.upper() + "}", f"{color} {shape}".upper())
    for key, color in turns.items():
        out = out.replace("{" + key + "}", color)
    return out


def instantiate(template, rng):
    text, events, options = template
    keys = [k for k in "abc" if "{" + k in text or "{" + k.upper() in text or k + ":" in events]
    colors = rng.sample(COLORS, len(keys))
    shapes = rng.sample(SHAPES, len(keys))
    objects = dict(zip(keys, zip(colors, shapes)))
    # Turn colours: never the colour the subject has when it turns.
    current = {k: c for k, (c, _) in objects.items()}
    turns, parsed = {}, []
    for code in events.split():
        parts = code.split(":")
        who, action = parts[0], parts[1]
        if action.startswith("turn_t"):
            slot = action[5:]
            if slot not in turns:
                turns[slot] = rng.choice([c for c in COLORS if c != current[who]])
            action = "turn_" + turns[slot]
            current[who] = turns[slot]
        name = " ".join(objects[who])
        event = {"subject": name, "action": action}
        if len(parts) > 2 and parts[2] == "slow":
            event["pace"] = "slow"
        parsed.append(event)
    return {"instruction": render(text, objects, turns), "events": parsed}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="data/paraphrases.jsonl")
    parser.add_argument("--per-template", type=int, default=4)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = []
    for template in TEMPLATES:
        for _ in range(args.per_template):
            lines.append(instantiate(template, rng))
    with open(args.out + ".tmp", "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    import os
    os.replace(args.out + ".tmp", args.out)
    print(f"wrote {args.out}: {len(lines)} instructions from {len(TEMPLATES)} templates")


if __name__ == "__main__":
    main()
