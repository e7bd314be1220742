import COEFormat

/// A small, self-contained example of a rule: a few files of a COE folder, laid over the baseline COE
/// (`ExampleBaseline`), shown in docs/rules.md and run by the test suite.
///
/// In a triggering example, `↓` stands just before each character a finding points at (SwiftLint's
/// marker); it is taken out before linting. A finding about a file or folder as a whole has no position,
/// so it is named in `fileFindings` instead. The rule must find exactly what the markers and
/// `fileFindings` say: nothing is missing and nothing else is found.
public struct RuleExample: Sendable {
    /// The marker of an expected finding's position.
    public static let marker: Unicode.Scalar = "↓"

    /// One file the example sets: its path inside the COE folder and its whole text, markers included.
    public struct File: Sendable, Equatable {
        /// The path inside the COE folder (`coe.yaml`, `actions/A1.yaml`).
        public let path: String
        /// The file's whole text, with `↓` markers.
        public let text: String

        /// A file of the example.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }

        /// The text as linted: without the markers.
        public var strippedText: String {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.filter { $0 != RuleExample.marker })
            return String(scalars)
        }

        /// Where the markers stand in the stripped text: line and column (Unicode scalars, from 1).
        public var markerPositions: [SourcePosition] {
            var positions: [SourcePosition] = []
            var line = 1, column = 1
            for scalar in text.unicodeScalars {
                if scalar == RuleExample.marker {
                    positions.append(SourcePosition(line: line, column: column))
                } else if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return positions
        }
    }

    /// The files the example sets, in the order they are shown.
    public let files: [File]
    /// Files or folders of the baseline taken away (a folder takes everything under it).
    public let removed: [String]
    /// Files or folders (paths inside the COE folder) the rule reports as a whole, without a position.
    public let fileFindings: [String]
    /// The repository's `.coe.yaml`, for rules that read the configuration; nil for the defaults.
    public let configuration: String?
    /// People's names in the repository's history (B1.history).
    public let historyNames: [String]
    /// The day the lint runs (`YYYY-MM-DD`); nil for the baseline's.
    public let today: String?
    /// Ids of the other COEs in the repository (S4).
    public let otherCOEs: [String]
    /// Earlier COEs, as the similarity measure reads them (W7).
    public let pastCOEs: [SimilarityProfile]

    /// An example that sets several files (or none, when it only removes some).
    public init(files: [(path: String, text: String)], removing removed: [String] = [], fileFindings: [String] = [],
                configuration: String? = nil, historyNames: [String] = [], today: String? = nil,
                otherCOEs: [String] = [], pastCOEs: [SimilarityProfile] = []) {
        self.files = files.map { File(path: $0.path, text: $0.text) }
        self.pastCOEs = pastCOEs
        self.removed = removed
        self.fileFindings = fileFindings
        self.configuration = configuration
        self.historyNames = historyNames
        self.today = today
        self.otherCOEs = otherCOEs
    }

    /// An example that sets one file.
    public init(_ path: String, _ text: String, removing removed: [String] = [], fileFinding: String? = nil,
                configuration: String? = nil, historyNames: [String] = [], today: String? = nil,
                otherCOEs: [String] = [], pastCOEs: [SimilarityProfile] = []) {
        self.init(files: [(path, text)], removing: removed, fileFindings: fileFinding.map { [$0] } ?? [],
                  configuration: configuration, historyNames: historyNames, today: today, otherCOEs: otherCOEs, pastCOEs: pastCOEs)
    }

    /// The files the example sets, as linted (markers taken out), by path.
    public var strippedFiles: [String: String] {
        Dictionary(files.map { ($0.path, $0.strippedText) }, uniquingKeysWith: { _, last in last })
    }

    /// The whole COE folder the example lints: the baseline, less what it removes, with its files set.
    public var folder: [String: String] {
        var folder = ExampleBaseline.files
        for path in removed {
            folder = folder.filter { $0.key != path && !$0.key.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
        }
        folder.merge(strippedFiles) { _, example in example }
        return folder
    }
}
