import ArgumentParser
import COEApp
import COEFormat
import COESearch
import COEWorkspace

struct SearchCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every part of every COE, ranked, with the matching lines.",
        discussion: """
            Words are matched in any form (timeout finds timeouts); "a phrase" in \
            double quotes matches those words in order; a trailing * matches a \
            prefix; AND (the default), OR and NOT combine terms. Filters keep the \
            COEs whose metadata matches. Secure COEs (rule P9) are never searched, \
            shown or counted unless --include-secure is given; team-only COEs are \
            marked. No match: 'No COE matches.' and exit 0. A query FTS5 cannot \
            read is a usage error (exit 2). The index lives in the git directory \
            and is brought up to date on each search (docs/search.md).

            Examples:
              coe search '"connection pool"'
              coe search 'throttl*' --service checkout-service
              coe search certificate NOT staging --since 2026-01-01
              coe search retry --severity SEV-1 --format json
            """)

    @Argument(help: ArgumentHelp("What to search for.", valueName: "query"))
    var query: [String]

    @OptionGroup var filter: COEFilterOptions

    @Option(help: ArgumentHelp("Show at most this many COEs.", valueName: "count"))
    var limit: Int = 20

    @Flag(help: "Search secure COEs too (rule P9: only for their audience).")
    var includeSecure = false

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        guard limit >= 1 else { throw ValidationError("--limit is a whole number of 1 or more") }
        let text = query.joined(separator: " ")
        // A query that cannot be read is refused before the index is opened.
        do { _ = try SearchIndex.ftsQuery(text) } catch let error as SearchQueryError { throw ValidationError(error.message) }
        let workspace = try repository.workspace(in: context)
        let index = try SearchIndex(workspace: workspace, includeSecure: includeSecure)
        let filters = filter.filters
        let found: (hits: [SearchHit], total: Int)
        do { found = try index.search(text, filters: filters, limit: limit) } catch let error as SearchQueryError { throw ValidationError(error.message) }
        let shown = found.hits
        switch format {
        case .text: context.output.write(SearchRenderer.text(shown, total: found.total, style: context.outputStyle))
        case .json: context.output.write(exact: SearchRenderer.json(shown))
        }
        try reportUnreadable(index, in: context)
    }
}

/// COEs the index could not read are named on standard error and make the exit code 1 (README, "Exit
/// codes": a document that cannot be read is a finding, whichever command meets it).
func reportUnreadable(_ index: SearchIndex, in context: CommandContext) throws {
    guard !index.unreadable.isEmpty else { return }
    for folder in index.unreadable {
        context.errors.line("coe: \(folder) could not be read and is not searched; 'coe lint \(folder)' says why")
    }
    throw ExitCode(1)
}

struct RelatedCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "List the past COEs most like this one, with the reason for each.",
        discussion: """
            COEs are alike by the terms their root causes and action items share \
            (TF-IDF cosine, with stop-words and light stemming), plus 0.10 for a \
            shared service and 0.05 for a shared tag; metadata alone never reaches \
            the default threshold of 0.30. Each match shows the two most alike \
            texts, this COE's and the other's. Secure COEs are left out unless \
            --include-secure is given (docs/search.md).

            Examples:
              coe related k7qm
              coe related k7qm --threshold 0.2 --limit 5
              coe related k7qm --format json
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: ArgumentHelp("The least score listed, from 0 to 1.", valueName: "score"))
    var threshold: Double = Relatedness.defaultThreshold

    @Option(help: ArgumentHelp("List at most this many COEs.", valueName: "count"))
    var limit: Int = 10

    @Flag(help: "Compare with secure COEs too (rule P9: only for their audience).")
    var includeSecure = false

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold is a number from 0 to 1") }
        guard limit >= 1 else { throw ValidationError("--limit is a whole number of 1 or more") }
        let workspace = try repository.workspace(in: context)
        let directory = try workspace.resolve(id)
        let index = try SearchIndex(workspace: workspace, includeSecure: includeSecure)
        // The COE as the index, just brought up to date, holds it; read from its files when the index does
        // not hold it (a secure COE, or one that cannot be read: reading it says why).
        let profile: SimilarityProfile
        if let indexed = try index.profile(folder: directory) {
            profile = indexed
        } else {
            profile = SimilarityProfile(try COEReader.read(directory: directory, from: workspace.workingTree, limits: workspace.configuration.readLimits))
        }
        // Every other COE is ranked from the terms the index counted; only those shown are read from it whole.
        let candidates = try index.candidates()
        let folders = Dictionary(candidates.map { ($0.candidate.id, $0.folder) }, uniquingKeysWith: { first, _ in first })
        var shown: [String: SimilarityProfile] = [:]
        func other(_ id: String) throws -> SimilarityProfile? {
            if let known = shown[id] { return known }
            let found = try folders[id].flatMap { try index.profile(folder: $0) }
            shown[id] = found
            return found
        }
        let ranked = try Relatedness.matches(for: profile, terms: profile.comparedTerms, among: candidates.map(\.candidate), threshold: threshold,
                                             limit: limit) { try other($0.id)?.comparedTexts ?? [] }
        let matches = try ranked.compactMap { match in try other(match.id).map { (match: match, profile: $0) } }
        switch format {
        case .text: context.output.write(SearchRenderer.relatedText(profile, matches, style: context.outputStyle))
        case .json: context.output.write(exact: SearchRenderer.relatedJSON(profile, matches))
        }
        try reportUnreadable(index, in: context)
    }
}
