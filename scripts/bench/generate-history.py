#!/usr/bin/env python3
"""Writes a git repository with a long COE history, for history benchmarks.

    scripts/bench/generate-history.py OUTPUT_DIR [COES=1000] [COMMITS=50000] [--fast-import]

The first COES commits each add one COE (made from the example COE). Every later commit edits one to
three COEs the way people do: a summary line, an action item's due date, a status move
(draft → review → approved → published → closed), a new timeline entry. Every 100 commits, a side
branch of three commits is merged back (the merge carries the side's changes, so some merges resolve
edits of the same file on both sides). Authors rotate among five people; one commit every 30 minutes.

By default the objects and the pack (with its .idx) are written here directly (PackWriter): each
commit changes one entry of the coes/ tree (10,000 entries, ~480 KB), so that tree is stored as an
OFS_DELTA of its previous version whose copy/insert instructions are computed from the entries that
changed, with a full copy every MAX_DEPTH versions (fast-import's default depth): about 1 ms a commit.
With --fast-import the same history goes through `git fast-import` instead (~23 ms a commit at 10,000
COEs, as it delta-compresses each coes/ tree by searching): both give the same commit ids.
"""
import bisect
import hashlib
import os
import random
import struct
import subprocess
import sys
import time
import zlib

from example_coe import ALPHABET, EXAMPLE_ID, example_files
PEOPLE = [("Avery Stone", "avery@example.com"), ("Blake Moreno", "blake@example.com"), ("Casey Lin", "casey@example.com"),
          ("Drew Park", "drew@example.com"), ("Emery Cole", "emery@example.com")]
NEXT_STATUS = {"draft": "review", "review": "approved", "approved": "published", "published": "closed"}
# Longest chain of deltas before the coes/ tree is stored whole again (fast-import's default --depth).
MAX_DEPTH = 50


def history(coes, total):
    """The commits, oldest first: (mark, branch, parent marks, name, email, time, message, changes),
    where changes are (path, bytes) of the files the commit writes."""
    rng = random.Random(7)
    files = example_files()
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
        parents = ([tips[branch]] if tips.get(branch) else []) + ([merge_from] if merge_from else [])
        tips[branch] = mark[0]
        return (mark[0], branch, parents, name, email, clock[0], message, changes)

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
            yield commit("main", "Add COE %s" % coe, [("coes/%s/%s" % (coe, name), text(coe, name)) for name in sorted(files)])
            continue
        if index % 100 == 0 and tips["main"]:
            tips["side"] = tips["main"]
            side_changes = []
            for _ in range(3):
                changes, message = edit(rng.choice(ids))
                side_changes += changes
                yield commit("side", message, changes)
            changes, message = edit(rng.choice(ids))
            yield commit("main", message, changes)
            final = {}
            for path, data in side_changes:
                final[path] = data
            yield commit("main", "Merge branch 'side'", sorted(final.items()), merge_from=tips["side"])
            continue
        changes = []
        messages = []
        for coe in rng.sample(ids, rng.randint(1, 3)):
            more, message = edit(coe)
            changes += more
            messages.append(message)
        yield commit("main", "; ".join(messages), changes)


def write_fast_import(out, commits):
    importer = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    stream = importer.stdin
    count = 0
    for mark, branch, parents, name, email, when, message, changes in commits:
        msg = message.encode()
        lines = [b"commit refs/heads/" + branch.encode(), b"mark :%d" % mark,
                 b"author %s <%s> %d +0000" % (name.encode(), email.encode(), when),
                 b"committer %s <%s> %d +0000" % (name.encode(), email.encode(), when),
                 b"data %d" % len(msg), msg]
        if parents:
            lines.append(b"from :%d" % parents[0])
        for parent in parents[1:]:
            lines.append(b"merge :%d" % parent)
        stream.write(b"\n".join(lines) + b"\n")
        for path, data in changes:
            stream.write(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)) + data + b"\n")
        stream.write(b"\n")
        count = mark
    stream.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", out, "branch", "-q", "-D", "side"], check=False)
    return count


class PackWriter:
    """One pack file and its version-2 index, written object by object (identical objects once)."""
    COMMIT, TREE, BLOB, OFS_DELTA = 1, 2, 3, 6
    NAMES = {1: b"commit", 2: b"tree", 3: b"blob"}

    def __init__(self, directory):
        self.directory = directory
        self.path = os.path.join(directory, "tmp_pack_generated")
        self.file = open(self.path, "wb", buffering=1 << 22)
        self.file.write(b"PACK" + struct.pack(">II", 2, 0))
        self.offset = 12
        self.objects = {}   # object id -> offset << 32 | crc32 of the entry

    @staticmethod
    def object_id(kind, data):
        h = hashlib.sha1(b"%s %d\0" % (PackWriter.NAMES[kind], len(data)))
        h.update(data)
        return h.digest()

    def _entry(self, oid, kind, size, prefix, payload, level=1):
        header = bytearray()
        byte = (kind << 4) | (size & 15)
        size >>= 4
        while size:
            header.append(byte | 0x80)
            byte = size & 0x7F
            size >>= 7
        header.append(byte)
        header += prefix
        body = zlib.compress(payload, level)
        offset = self.offset
        self.file.write(header)
        self.file.write(body)
        self.offset += len(header) + len(body)
        self.objects[oid] = offset << 32 | zlib.crc32(body, zlib.crc32(header))
        return offset

    def put(self, kind, data, oid=None, level=1):
        """Writes a whole object unless it is there; returns its id and its offset (None if it was there).
        Level 0 stores it uncompressed (zlib at level 1 takes 30 times as long on the coes/ tree's ids)."""
        oid = oid or self.object_id(kind, data)
        if oid in self.objects:
            return oid, None
        return oid, self._entry(oid, kind, len(data), b"", data, level)

    def put_delta(self, oid, base_offset, delta):
        """Writes an object as a delta of the object at base_offset (written earlier in this pack)."""
        distance = self.offset - base_offset
        encoded = bytearray([distance & 0x7F])
        distance >>= 7
        while distance:
            distance -= 1
            encoded.insert(0, 0x80 | (distance & 0x7F))
            distance >>= 7
        return self._entry(oid, self.OFS_DELTA, len(delta), encoded, delta)

    def finish(self):
        """Writes the object count and the checksum, then the index; returns the pack's name."""
        self.file.close()
        with open(self.path, "r+b") as f:
            f.seek(8)
            f.write(struct.pack(">I", len(self.objects)))
            f.seek(0)
            h = hashlib.sha1()
            while True:
                chunk = f.read(1 << 24)
                if not chunk:
                    break
                h.update(chunk)
            checksum = h.digest()
            f.write(checksum)
        ids = sorted(self.objects)
        fanout = [0] * 256
        for oid in ids:
            fanout[oid[0]] += 1
        index = bytearray(b"\377tOc" + struct.pack(">I", 2))
        running = 0
        for count in fanout:
            running += count
            index += struct.pack(">I", running)
        for oid in ids:
            index += oid
        values = [self.objects[oid] for oid in ids]
        index += struct.pack(">%dI" % len(values), *(v & 0xFFFFFFFF for v in values))
        large = []
        small = []
        for v in values:
            offset = v >> 32
            if offset < 0x80000000:
                small.append(offset)
            else:
                small.append(0x80000000 | len(large))
                large.append(offset)
        index += struct.pack(">%dI" % len(small), *small)
        index += struct.pack(">%dQ" % len(large), *large)
        index += checksum
        index += hashlib.sha1(index).digest()
        name = "pack-" + checksum.hex()
        with open(os.path.join(self.directory, name + ".idx"), "wb") as f:
            f.write(index)
        os.rename(self.path, os.path.join(self.directory, name + ".pack"))
        return name


def tree_bytes(entries):
    """A tree object's content from {name: (is_directory, id)}, in git's order (directories as name/)."""
    order = sorted(entries, key=lambda name: name + "/" if entries[name][0] else name)
    return b"".join((b"40000 " if entries[n][0] else b"100644 ") + n.encode() + b"\0" + entries[n][1] for n in order)


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return out


def copy(offset, size):
    """A delta's copy instruction (size < 16 MB, offset < 4 GB)."""
    op = bytearray([0x80])
    for i in range(4):
        byte = (offset >> (8 * i)) & 0xFF
        if byte:
            op[0] |= 1 << i
            op.append(byte)
    for i in range(3):
        byte = (size >> (8 * i)) & 0xFF
        if byte:
            op[0] |= 0x10 << i
            op.append(byte)
    return op


class Branch:
    """A branch's files and its coes/ tree: the tree's content kept as bytes, each entry the same width
    (40000 + the 21 characters of an id + NUL + id = 48 bytes), so the entry of the i-th COE is at 48 i.
    The tree's id is the SHA-1 of ~480 KB, the most costly step: SHA-1 states are kept every CHUNK
    bytes, so an id is computed again from the chunk of the first changed entry (half the tree on average)."""
    WIDTH = 48
    CHUNK = 1 << 14

    def __init__(self, names, files=None, fallback=None, coes_tree=None, base=None, states=None):
        self.names = names              # the sorted ids, shared (only main adds COEs, before any side branch)
        self.files = files if files is not None else {}   # id -> {folder ("" for the COE's own): tree entries}
        self.fallback = fallback        # a side branch reads a COE it has not changed from main
        self.coes_tree = coes_tree if coes_tree is not None else bytearray()
        self.base = base                # (offset, depth) of this branch's last coes/ tree in the pack
        self.states = states or []      # states[k]: SHA-1 of the header and the first k CHUNKs (never updated)

    def coes_tree_id(self, low):
        """The coes/ tree's id, its bytes from offset low on having changed (and all of them if its
        length did: the header holds the length)."""
        tree = self.coes_tree
        k = min(len(self.states) - 1, low // self.CHUNK)
        if k < 0:
            self.states = [hashlib.sha1(b"tree %d\0" % len(tree))]
            k = 0
        del self.states[k + 1:]
        h = self.states[k].copy()
        view = memoryview(tree)
        at = k * self.CHUNK
        while at + self.CHUNK <= len(tree):
            h.update(view[at:at + self.CHUNK])
            at += self.CHUNK
            self.states.append(h.copy())
        h.update(view[at:])
        view.release()
        return h.digest()

    def coe_files(self, coe):
        found = self.files.get(coe)
        if found is None:
            source = self.fallback.files.get(coe) if self.fallback else None
            found = {folder: dict(entries) for folder, entries in source.items()} if source else {}
            self.files[coe] = found
        return found

    def branch(self):
        return Branch(self.names, {}, self, bytearray(self.coes_tree), self.base, list(self.states))


def coe_tree(pack, files, folders):
    """Writes the trees of one COE whose files in these folders changed; returns the COE's tree id.
    files: {folder ("" for the COE's own): {name: (is_directory, id)}}, one level of folders."""
    for folder in folders:
        if folder:
            files[""][folder] = (True, pack.put(PackWriter.TREE, tree_bytes(files[folder]))[0])
    return pack.put(PackWriter.TREE, tree_bytes(files[""]))[0]


def write_pack(out, commits):
    git_dir = os.path.join(out, ".git")
    pack = PackWriter(os.path.join(git_dir, "objects", "pack"))
    main = Branch([])
    branches = {"main": main}
    marks = {}
    main_tip = None
    width = Branch.WIDTH
    count = 0
    for mark, name, parents, author, email, when, message, changes in commits:
        branch = branches.get(name)
        if name == "side" and parents[0] == main_tip:
            branch = branches[name] = main.branch()
        touched = {}
        for path, data in changes:
            _, coe, inside = path.split("/", 2)
            folder, _, leaf = inside.rpartition("/")
            if "/" in folder:
                sys.exit("one level of folders in a COE: %s" % path)
            files = branch.coe_files(coe)
            files.setdefault("", {})
            files.setdefault(folder, {})[leaf] = (False, pack.put(PackWriter.BLOB, data)[0])
            touched.setdefault(coe, set()).add(folder)
        inserted = None
        changed = []
        tree = branch.coes_tree
        for coe, folders in touched.items():
            oid = coe_tree(pack, branch.coe_files(coe), folders)
            position = bisect.bisect_left(branch.names, coe)
            if position < len(branch.names) and branch.names[position] == coe:
                at = position * width + width - 20
                if tree[at:at + 20] != oid:
                    tree[at:at + 20] = oid
                    changed.append(at)
            else:
                entry = b"40000 " + coe.encode() + b"\0" + oid
                if len(entry) != width or inserted is not None or changed:
                    sys.exit("ids of 21 characters, one new COE a commit and nothing else: %s" % coe)
                branch.names.insert(position, coe)
                tree[position * width:position * width] = entry
                inserted = position * width
        if inserted is not None:
            branch.states = []
        coes_id = branch.coes_tree_id(min(changed, default=len(tree)))
        if coes_id not in pack.objects:
            if branch.base is None or branch.base[1] >= MAX_DEPTH or (inserted is None and not changed):
                branch.base = (pack.put(PackWriter.TREE, bytes(tree), coes_id, level=0)[1], 0)
            else:
                old = len(tree) - (width if inserted is not None else 0)
                delta = varint(old) + varint(len(tree))
                at = 0
                if inserted is not None:
                    if inserted:
                        delta += copy(0, inserted)
                    delta += bytes([width]) + tree[inserted:inserted + width]
                    if inserted < old:
                        delta += copy(inserted, old - inserted)
                else:
                    for start in sorted(changed):
                        if start > at:
                            delta += copy(at, start - at)
                        delta += bytes([20]) + tree[start:start + 20]
                        at = start + 20
                    if at < old:
                        delta += copy(at, old - at)
                branch.base = (pack.put_delta(coes_id, branch.base[0], bytes(delta)), branch.base[1] + 1)
        elif inserted is not None or changed:
            branch.base = None   # the same tree as an earlier one: the next is written whole
        root = pack.put(PackWriter.TREE, b"40000 coes\0" + coes_id)[0]
        body = b"tree " + root.hex().encode() + b"\n"
        for parent in parents:
            body += b"parent " + marks[parent].hex().encode() + b"\n"
        person = b"%s <%s> %d +0000" % (author.encode(), email.encode(), when)
        body += b"author " + person + b"\ncommitter " + person + b"\n\n" + message.encode()
        marks[mark] = pack.put(PackWriter.COMMIT, body)[0]
        if name == "main":
            main_tip = mark
        count = mark
    name = pack.finish()
    with open(os.path.join(git_dir, "refs", "heads", "main"), "w") as f:
        f.write(marks[main_tip].hex() + "\n")
    return count


def main():
    arguments = [a for a in sys.argv[1:] if a != "--fast-import"]
    if not arguments:
        sys.exit(__doc__)
    out = arguments[0]
    coes = int(arguments[1]) if len(arguments) > 1 else 1000
    total = int(arguments[2]) if len(arguments) > 2 else 50000
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
    if "--fast-import" in sys.argv:
        count = write_fast_import(out, history(coes, total))
    else:
        count = write_pack(out, history(coes, total))
    subprocess.run(["git", "-C", out, "checkout", "-q", "-f", "main"], check=True)
    print("%d COEs, %d commits in %s" % (coes, count, out))


if __name__ == "__main__":
    main()
