// The MarkdownScan side of scripts/bench/markdown.sh, compiled with the scanner's own source: reads every file
// named in the list file given into memory, then scans each PASSES times (default 1). Prints the scan time alone to standard error.
#if canImport(Glibc)
import Glibc
#endif

@main
enum MarkdownScanBench {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 2 || arguments.count == 3, let list = fopen(arguments[1], "r") else {
            fputs("usage: markdown-scan LIST [PASSES]\n", stderr)
            exit(2)
        }
        var texts: [String] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, list) > 0, let line {
            let path = String(cString: line).trimmingSuffix("\n")
            guard let file = fopen(path, "rb") else { perror(path); exit(1) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let read = fread(&buffer, 1, buffer.count, file)
                if read <= 0 { break }
                bytes += buffer[..<read]
            }
            fclose(file)
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        var start = timespec(), end = timespec()
        free(line)
        fclose(list)
        clock_gettime(CLOCK_MONOTONIC, &start)
        var found = 0
        let passes = arguments.count == 3 ? Int(arguments[2]) ?? 1 : 1
        for _ in 0..<passes {
            for text in texts { found += MarkdownScan(text).spans.count }
        }
        clock_gettime(CLOCK_MONOTONIC, &end)
        let milliseconds = Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
        let message = "MarkdownScan: \(texts.count) files, \(passes) passes, \(found) code and comment spans, scan \(milliseconds) ms\n"
        fputs(message, stderr)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
