#!/usr/bin/env python3
"""Writes a git repository holding N COEs made from the example COE, for benchmarks.

Every COE gets its own id, title, team and numbers; about one in five carries known
defects (a wrong percentage, a missing milestone, a vague action title, a first-person
sentence), so the linter has real work. Usage:

    scripts/bench/generate-coes.py OUTPUT_DIR [N=1000]

The repository is committed in one commit per 100 COEs, by a few fictional authors.
"""
import os
import random
import shutil
import subprocess
import sys

from example_coe import ALPHABET, EXAMPLE_ID, example_files
TEAMS = ["payments", "checkout", "search", "notifications", "identity", "catalog", "shipping", "billing"]
AUTHORS = [("Avery Stone", "avery@example.com"), ("Blake Moreno", "blake@example.com"), ("Casey Lin", "casey@example.com")]


def git(repo, *args, env=None):
    subprocess.run(["git", "-C", repo, *args], check=True, env=env, stdout=subprocess.DEVNULL)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(42)
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
            target = os.path.join(folder, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(text.encode("utf-8") if text is not None else data)
        if (index + 1) % 100 == 0 or index + 1 == count:
            name, email = AUTHORS[(index // 100) % len(AUTHORS)]
            env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=name,
                       GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE="2026-11-01T10:00:00Z", GIT_COMMITTER_DATE="2026-11-01T10:00:00Z")
            git(out, "add", "-A")
            git(out, "commit", "-q", "-m", "Add COEs up to %d" % (index + 1), env=env)
    print("%d COEs in %s" % (count, out))


if __name__ == "__main__":
    main()
