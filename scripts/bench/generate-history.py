#!/usr/bin/env python3
"""Writes a git repository with a long COE history, through `git fast-import`, for history benchmarks.

    scripts/bench/generate-history.py OUTPUT_DIR [COES=1000] [COMMITS=50000]

The first COES commits each add one COE (made from the example COE). Every later commit edits one to
three COEs the way people do: a summary line, an action item's due date, a status move
(draft → review → approved → published → closed), a new timeline entry. Every 100 commits, a side
branch of three commits is merged back (the merge carries the side's changes, so some merges resolve
edits of the same file on both sides). Authors rotate among five people; one commit every 30 minutes.
"""
import random
import subprocess
import sys
import time

from example_coe import ALPHABET, EXAMPLE_ID, example_files
PEOPLE = [("Avery Stone", "avery@example.com"), ("Blake Moreno", "blake@example.com"), ("Casey Lin", "casey@example.com"),
          ("Drew Park", "drew@example.com"), ("Emery Cole", "emery@example.com")]
NEXT_STATUS = {"draft": "review", "review": "approved", "approved": "published", "published": "closed"}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    coes = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    rng = random.Random(7)
    files = example_files()
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
    importer = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    stream = importer.stdin
    state = {}          # id -> {"status", "summary", "timeline", "dues"}
    ids = []
    clock = [1704067200]   # 2024-01-01T00:00:00Z
    mark = [0]
    tips = {"main": None}

    def text(coe, name):
        s = state[coe]
        if name == "coe.yaml":
            body = files[name].decode().replace("id: " + EXAMPLE_ID, "id: " + coe).replace("status: closed", "status: " + s["status"])
            return body.encode()
        if name == "summary.md":
            return ("Revision %d. " % s["summary"]).encode() + files[name]
        if name == "timeline.yaml":
            extra = "".join("\n- at: 2026-10-13T10:%02d:00Z\n  event: Follow-up note %d.\n" % (31 + i % 28, i) for i in range(s["timeline"]))
            return files[name] + extra.encode()
        if name.startswith("actions/") and name[8:-5] in s["dues"]:
            body = files[name].decode()
            for line in body.splitlines():
                if line.startswith("due: "):
                    body = body.replace(line, "due: " + s["dues"][name[8:-5]])
            return body.encode()
        return files[name]

    def commit(branch, message, changes, merge_from=None):
        mark[0] += 1
        name, email = PEOPLE[mark[0] % len(PEOPLE)]
        clock[0] += 1800
        msg = message.encode()
        lines = [b"commit refs/heads/" + branch.encode(), b"mark :%d" % mark[0],
                 b"author %s <%s> %d +0000" % (name.encode(), email.encode(), clock[0]),
                 b"committer %s <%s> %d +0000" % (name.encode(), email.encode(), clock[0]),
                 b"data %d" % len(msg), msg]
        if tips.get(branch):
            lines.append(b"from :%d" % tips[branch])
        if merge_from:
            lines.append(b"merge :%d" % merge_from)
        stream.write(b"\n".join(lines) + b"\n")
        for path, data in changes:
            stream.write(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)) + data + b"\n")
        stream.write(b"\n")
        tips[branch] = mark[0]
        return mark[0]

    def edit(coe):
        s = state[coe]
        kind = rng.random()
        if kind < 0.35:
            s["summary"] += 1
            return [("coes/%s/summary.md" % coe, text(coe, "summary.md"))], "Reword the summary of %s" % coe
        if kind < 0.6:
            action = "A%d" % rng.randint(1, 6)
            s["dues"][action] = "2027-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
            return [("coes/%s/actions/%s.yaml" % (coe, action), text(coe, "actions/%s.yaml" % action))], "Move %s of %s" % (action, coe)
        if kind < 0.75 and s["status"] in NEXT_STATUS:
            s["status"] = NEXT_STATUS[s["status"]]
            return [("coes/%s/coe.yaml" % coe, text(coe, "coe.yaml"))], "%s: %s" % (coe, s["status"])
        s["timeline"] += 1
        return [("coes/%s/timeline.yaml" % coe, text(coe, "timeline.yaml"))], "Add a timeline entry to %s" % coe

    began = time.time()
    for index in range(total):
        if index and index % 50000 == 0:
            print("%d commits written, %.0f s" % (index, time.time() - began), file=sys.stderr, flush=True)
        if index < coes:
            coe = "2026-%02d-%02d-%s" % (1 + index % 12, 1 + index % 28, "".join(rng.choice(ALPHABET) for _ in range(10)))
            ids.append(coe)
            state[coe] = {"status": "draft", "summary": 0, "timeline": 0, "dues": {}}
            commit("main", "Add COE %s" % coe, [("coes/%s/%s" % (coe, name), text(coe, name)) for name in sorted(files)])
            continue
        if index % 100 == 0 and tips["main"]:
            tips["side"] = tips["main"]
            side_changes = []
            for _ in range(3):
                changes, message = edit(rng.choice(ids))
                side_changes += changes
                commit("side", message, changes)
            changes, message = edit(rng.choice(ids))
            commit("main", message, changes)
            final = {}
            for path, data in side_changes:
                final[path] = data
            commit("main", "Merge branch 'side'", sorted(final.items()), merge_from=tips["side"])
            continue
        changes = []
        messages = []
        for coe in rng.sample(ids, rng.randint(1, 3)):
            more, message = edit(coe)
            changes += more
            messages.append(message)
        commit("main", "; ".join(messages), changes)
    stream.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", out, "checkout", "-q", "-f", "main"], check=True)
    subprocess.run(["git", "-C", out, "branch", "-q", "-D", "side"], check=False)
    print("%d COEs, %d commits in %s" % (coes, mark[0], out))


if __name__ == "__main__":
    main()
