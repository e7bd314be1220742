import ArgumentParser
import COEApp
import COEFormat
import COESearch
import COEWorkflow
import COEWorkspace
import Foundation
import GitKit

struct RenderCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a whole COE as one Markdown or HTML document, for readers with no context.",
        discussion: """
            The parts in the standard's order (title, summary, metrics and graphs, customer impact, \
            incident response, post-incident analysis, timeline, five whys, action items, lessons \
            learned, related COEs), then the review record: the approvals that count and the resolved \
            threads. HTML is one self-contained file (inline CSS, graphs drawn as inline SVG from their \
            data, images as data URIs, no request of any kind), printable and readable in light and \
            dark mode. Markdown links each graph's snapshot image. With --rev the COE is read as a \
            commit has it: the commit where it was published shows what was approved. See docs/render.md.

            Examples:
              coe render k7qm > k7qm.md
              coe render k7qm --format html -o k7qm.html
              coe render k7qm --format html --rev v2026.10 -o approved.html
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: "The output format.")
    var format: DocumentRenderer.Format = .markdown

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Read the COE as this commit has it (a branch, tag or commit id) instead of the work tree.", valueName: "rev"))
    var rev: String?

    @Option(help: ArgumentHelp("Mark overdue action items as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let source: FileSource
        let head: ObjectID?
        var revision: (name: String, commit: String)?
        if let rev {
            let commit = try workspace.commit(at: rev)
            source = GitTreeSource(repository: workspace.repository, tree: try workspace.repository.commit(commit).tree, label: rev)
            head = commit
            revision = (rev, String(commit.hex.prefix(8)))
        } else {
            source = workspace.workingTree
            head = try workspace.repository.head()
        }
        let directory = try workspace.resolve(id, in: source)
        let limits = workspace.configuration.readLimits
        let document = try COEReader.read(directory: directory, from: source, limits: limits)
        let facts = try Workflow.standingFacts(document, at: directory, in: source, workspace: workspace, head: head)
        // Alike COEs from the search index of the work tree, secure ones left out (and none beside a secure COE).
        let others = document.metadata.confidentiality == .secure ? [] : try SearchIndex(workspace: workspace).profiles().map(\.profile)
        let related = RelatedCOEs.named(by: document, in: workspace, source: source) + RelatedCOEs.alike(document, among: others)
        let renderer = DocumentRenderer(document: document, source: source, limits: limits, approvals: facts.approvals, related: related,
                                        revision: revision, today: try context.today(today))
        let path = output.map(context.path)
        let text: String
        switch format {
        case .html: text = renderer.html()
        case .markdown:
            // Snapshot images are linked from where the document is read: the output file's folder, or here.
            let from = path.map { ($0 as NSString).deletingLastPathComponent } ?? context.currentDirectory
            text = renderer.markdown(imagePrefix: Self.relativePath(from: from, to: workspace.workTree + "/" + directory) + "/")
        }
        if let path {
            try OutputFile.write(path, text)
        } else if context.output.isTerminal {
            // On a terminal, a control character hidden in the COE is shown, not obeyed.
            context.output.write(text)
        } else {
            context.output.write(exact: text)
        }
    }

    /// The path of `target` from the folder `base` (both absolute): `../coes/<id>`.
    static func relativePath(from base: String, to target: String) -> String {
        func components(_ path: String) -> [String] {
            (URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path as NSString).pathComponents.filter { $0 != "/" }
        }
        let from = components(base), to = components(target)
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

extension DocumentRenderer.Format: ExpressibleByArgument {}
