/// Which lines two versions of a file have in common: Myers' difference algorithm (the one git's
/// xdiff starts from) on lines, after the common start and end are set aside.
enum LineDiff {
    /// The most edits searched for between the common start and end: the search keeps O(edits²)
    /// memory (18 MB at this limit). Past it, the lines between are taken as all changed, as a
    /// rewrite of more than 1,500 lines in one commit is.
    static let maximumEdits = 1_500

    /// For each line of `new`, the line of `old` it is (nil: added in `new`). Lines are compared whole.
    static func matches<Line: Hashable>(old: [Line], new: [Line]) -> [Int?] {
        // Lines as numbers, so the search compares integers.
        var numbers: [Line: Int] = [:]
        let a = old.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        let b = new.map { line in numbers[line] ?? { numbers[line] = numbers.count; return numbers.count - 1 }() }
        var result = [Int?](repeating: nil, count: b.count)
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] {
            result[start] = start
            start += 1
        }
        var endA = a.count, endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
            result[endB] = endA
        }
        for (x, y) in middle(Array(a[start..<endA]), Array(b[start..<endB])) ?? [] { result[start + y] = start + x }
        return result
    }

    /// The matched pairs (index in `a`, index in `b`) of a shortest edit script between `a` and `b`;
    /// nil when it takes more than `maximumEdits` edits.
    private static func middle(_ a: [Int], _ b: [Int]) -> [(Int, Int)]? {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        let limit = n + m
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // v as it was at the start of each round d (its diagonals -d-1 ... d+1 are all the round reads),
        // to walk the path back: O(D²) memory for D edits.
        var trace: [[Int]] = []
        var final = -1
        search: for d in 0...limit {
            if d > maximumEdits { return nil }
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    final = d
                    break search
                }
            }
        }
        // Back from the end: each round's snake gives the matched pairs.
        var pairs: [(Int, Int)] = []
        var x = n, y = m
        for d in stride(from: final, to: 0, by: -1) {
            let round = trace[d]
            func v(_ k: Int) -> Int { round[k + d + 1] }
            let k = x - y
            let previousK = k == -d || (k != d && v(k - 1) < v(k + 1)) ? k + 1 : k - 1
            let previousX = v(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                pairs.append((x, y))
            }
            x = previousX
            y = previousY
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            pairs.append((x, y))
        }
        return pairs
    }
}
