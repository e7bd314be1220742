#!/usr/bin/env python3
"""Writes a git repository holding N COEs made from the example COE, for benchmarks.

Every COE gets its own id, title, team and numbers; about one in five carries known
defects (a wrong percentage, a missing milestone, a vague action title, a first-person
sentence), so the linter has real work. Usage:

    scripts/bench/generate-coes.py OUTPUT_DIR [N=1000] [--varied-causes]

By default every COE keeps the example's six root causes and their action titles, so every root cause
repeats one of every earlier COE: the worst case of lint rule W7 (a root cause seen before), not a
repository anyone has. With --varied-causes each root cause and the title of its action item are
written anew from the words of docs/*.md and the code's comments, drawn with a Zipf-like bias (so that causes share common
words, as real ones do), and one cause in twenty repeats an earlier COE's cause, half of them
reworded: about one COE in four then has a planted repeat. Random words still meet by chance: with the
new build on 2026-12-02, W7 flagged 967 of the 6,000 causes, in 626 of the 1,000 COEs (its threshold,
30 percent, is met by two or three shared rare words); the repository is realistic in what W7's scoring
costs (posting lists of every length), not in how often it finds a repeat.
"""
import os
import random
import re
import shutil
import subprocess
import sys

from example_coe import ALPHABET, EXAMPLE_ID, example_files
TEAMS = ["payments", "checkout", "search", "notifications", "identity", "catalog", "shipping", "billing"]
AUTHORS = [("Avery Stone", "avery@example.com"), ("Blake Moreno", "blake@example.com"), ("Casey Lin", "casey@example.com")]


def git(repo, *args, env=None):
    subprocess.run(["git", "-C", repo, *args], check=True, env=env, stdout=subprocess.DEVNULL)


# The example's root causes (whys.yaml) and the titles of the action items they name, in order.
ROOT_CAUSES = [
    ("The template schema had no notion of keys that must be explicit for production services.", "A1"),
    ("Rendering needs region secrets, which the review system cannot read, and no redacted rendering exists.", "A2"),
    ("Configuration was treated as lower risk than code, so its pipeline has no load or canary stage.", "A3"),
    ("It was written for a service with fixed traffic and never updated for growth.", "A4"),
    ("Connecting pipelines to the change-event service is left to each team, with no inventory of what is missing.", "A5"),
    ("The pipeline's design had no recovery-time objective for rollbacks.", "A6"),
]
# What varied root causes are made of: the words of this repository's documentation and of its code's
# comments, drawn with a Zipf-like bias (common words often, rare ones seldom), as the words of real root
# causes are.
def vocabulary():
    counts = {}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for folder, suffix in (("docs", ".md"), ("Sources", ".swift")):
        for dirpath, _, names in sorted(os.walk(os.path.join(root, folder))):
            for name in sorted(names):
                if name.endswith(suffix):
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        text = f.read() if suffix == ".md" else "\n".join(l for l in f if l.strip().startswith("//"))
                    for word in re.findall(r"[a-z]{4,}", text.lower()):
                        counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [1.0 / (rank + 2000) for rank in range(len(words))]


def varied_causes(rng, earlier, words):
    """Six root causes and their action titles, each new, or (one in twenty) an earlier COE's, half of those reworded."""
    vocabulary, weights = words
    causes = []
    for _ in ROOT_CAUSES:
        if earlier and rng.random() < 0.05:
            text, title = rng.choice(earlier)
            if rng.random() < 0.5:
                text = text.rstrip(".") + ", as it was before."
        else:
            picked = rng.choices(vocabulary, weights, k=10)
            text = "The %s %s had no %s for %s %s, because %s %s was %s by %s %s." % tuple(picked)
            title = "Add %s %s to the %s %s" % (picked[2], picked[3], picked[0], picked[1])
        causes.append((text, title))
    return causes


def main():
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    varied = "--varied-causes" in sys.argv[1:]
    if not arguments:
        sys.exit(__doc__)
    out = arguments[0]
    count = int(arguments[1]) if len(arguments) > 1 else 1000
    rng = random.Random(42)
    causes_rng = random.Random(7)
    earlier_causes = []
    words = vocabulary() if varied else None
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "coes"))
    git(out, "init", "-q", "-b", "main")
    with open(os.path.join(out, ".coe.yaml"), "w") as f:
        f.write("root: coes\n")
    files = example_files()
    for index in range(count):
        day = 1 + index % 28
        month = 1 + (index // 28) % 12
        coe_id = "2026-%02d-%02d-%s" % (month, day, "".join(rng.choice(ALPHABET) for _ in range(10)))
        folder = os.path.join(out, "coes", coe_id)
        team = rng.choice(TEAMS)
        defective = rng.random() < 0.2
        causes = varied_causes(causes_rng, earlier_causes, words) if varied else None
        for relative, data in files.items():
            text = None
            if relative.endswith((".yaml", ".md")):
                text = data.decode("utf-8")
                if relative == "coe.yaml":
                    text = text.replace("id: " + EXAMPLE_ID, "id: " + coe_id)
                    text = text.replace("team: payments", "team: " + team)
                    text = text.replace("in the EU region", "in the EU region (%s %d)" % (team, index))
                if defective:
                    if relative == "impact.md":
                        text = text.replace("(7.6 percent) failed.", "(6.7 percent) failed.")
                    if relative == "timeline.yaml" and index % 2:
                        text = text.replace("  milestone: DETECTION\n", "")
                    if relative == "actions/A5.yaml":
                        text = text.replace("title: Record configuration deployments", "title: Investigate configuration deployments")
                    if relative == "summary.md":
                        text = text.replace("The payments team rolled the", "We rolled the")
            if causes and text is not None:
                if relative == "whys.yaml":
                    for (old, _), (new, _) in zip(ROOT_CAUSES, causes):
                        text = text.replace("because: " + old, "because: " + new)
                for (_, action), (_, title) in zip(ROOT_CAUSES, causes):
                    if relative == "actions/%s.yaml" % action and not "title: Investigate" in text:
                        text = re.sub(r"(?m)^title: .*$", lambda _: "title: " + title, text, count=1)
            target = os.path.join(folder, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(text.encode("utf-8") if text is not None else data)
        if causes:
            earlier_causes.extend(causes)
        if (index + 1) % 100 == 0 or index + 1 == count:
            name, email = AUTHORS[(index // 100) % len(AUTHORS)]
            env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=name,
                       GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE="2026-11-01T10:00:00Z", GIT_COMMITTER_DATE="2026-11-01T10:00:00Z")
            git(out, "add", "-A")
            git(out, "commit", "-q", "-m", "Add COEs up to %d" % (index + 1), env=env)
    print("%d COEs in %s" % (count, out))


if __name__ == "__main__":
    main()
