/// Every rule, in the standard's order. One line per rule; a new rule is added here.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        PartsPresent(), MetadataComplete(), UnknownFilesAndKeys(), RelatedCOEsExist(), CommentCutsText(),
        TitleLength(), CustomerFacingTitle(),
        SummaryStandsAlone(), SummaryCoversTheEvent(), SummaryLength(),
        GraphCount(), GraphSnapshot(), GraphAxes(), ImpactGraphFirst(),
        ImpactQuantified(), NumbersNotVagueWords(), RatioArithmetic(), OrderImpactStated(), NoCustomerNames(), NoBusinessSpeculation(), TimesAgree(),
        DetectionSourceGiven(), AnalysisDepth(), CustomersInformed(),
        OneTimezone(), PreferUTC(), ChronologicalOrder(), MilestonesMarked(), StartsWithTrigger(), GapsExplained(),
        ChainDepth(), WhyFollowsAnswer(), CircularAnswer(), DeepEnoughLeaf(), ThreeQuestions(), RootCausesHaveActions(), RootCauseSeenBefore(),
        ActionFieldsComplete(), RootCausePriority(), DueWithinLimit(), SpecificActions(), OverdueActions(), DoneItemsRecorded(),
        ReplacedNotDeleted(), KnownOwners(),
        LessonCount(), LessonsLinkActions(),
        NoRosterNames(), NoHistoryNames(), ThirdPerson(), NoBlameWords(), AcronymsSpelledOut(), SpecificTimes(), NoSecrets(),
        NoPrivilegedMarkers(),
        Languishing(), SuppressionReason(),
    ]

    /// The rule with this ID.
    public static func rule(_ id: String) -> (any Rule)? { all.first { type(of: $0).description.id == id } }

    /// Every rule ID, and each split rule's base (`B1` for `B1.roster`), for validating configuration.
    public static var knownIDs: Set<String> {
        Set(all.flatMap { rule -> [String] in
            let id = type(of: rule).description.id
            return [id, String(id.split(separator: ".").first ?? "")]
        })
    }
}
