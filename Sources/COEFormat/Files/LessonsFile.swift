/// `lessons.yaml`: a list of lessons, each `lesson`, `actions` and optionally `category`.
public enum LessonsFile {
    public static func parse(_ source: SourceText) throws -> [Lesson] {
        guard let root = try YAMLParser.parse(source) else { return [] }
        let reader = YAMLReader(file: source.file)
        guard case .sequence(let items, _) = root else {
            reader.report("lessons must be a list ('- lesson: …' lines), found \(root.kindName)", at: root.position)
            throw FormatError(reader.diagnostics)
        }
        var lessons: [Lesson] = []
        for item in items {
            guard let map = reader.mapping(item, context: "a lesson") else { continue }
            let text = map.string("lesson", required: true)
            let actions = map.strings("actions")
            let category = map.choice("category", as: LessonCategory.self)
            map.finish()
            if let text {
                lessons.append(Lesson(lesson: text, actions: actions, category: category, position: map.position, positions: map.keyPositions))
            }
        }
        if !reader.diagnostics.isEmpty { throw FormatError(reader.diagnostics) }
        return lessons
    }

    public static func serialize(_ lessons: [Lesson]) -> String {
        var writer = YAMLWriter()
        writer.writeList(of: lessons.map { lesson in
            [("lesson", .string(lesson.lesson)),
             ("category", lesson.category.map { .raw($0.rawValue) }),
             ("actions", .inlineList(lesson.actions.map { .string($0) }))]
        })
        return writer.text
    }
}
