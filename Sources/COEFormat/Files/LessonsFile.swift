/// `lessons.yaml`: a list of lessons, each `lesson`, `actions` and optionally `category`.
public enum LessonsFile {
    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> [Lesson] {
        let (reader, maps) = try YAMLReader.topLevelList(source, of: "lesson", example: "- lesson: …", limits: limits)
        var lessons: [Lesson] = []
        for map in maps {
            let text = map.string("lesson", required: true)
            let actions = map.ids("actions")
            let category = map.choice("category", as: LessonCategory.self)
            map.finish()
            if let text {
                var lesson = Lesson(lesson: text, actions: actions, category: category, position: map.position, positions: map.keyPositions)
                lesson.texts = map.valueLocations
                lessons.append(lesson)
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
