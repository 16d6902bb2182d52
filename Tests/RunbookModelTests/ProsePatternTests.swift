@testable import RunbookModel
import Testing

@Suite struct ProsePatternTests {
    @Test(arguments: [
        ("Step 1: Create the new Segment database", 1, "Create the new Segment database"),
        ("Step 12 - Finish", 12, "Finish"),
        ("step 3. Grant", 3, "Grant"),
        ("(Optional) Step 5: Restrict read-only access", 5, "Restrict read-only access"),
    ])
    func stepHeadings(text: String, number: Int, title: String) {
        let match = ProsePatterns.stepHeading(text)
        #expect(match?.number == number)
        #expect(match?.title == title)
    }

    @Test(arguments: ["Steps to follow", "Stepping: 1", "Step one: go", "(Optional) Steps"])
    func notStepHeadings(text: String) {
        #expect(ProsePatterns.stepHeading(text) == nil)
    }

    @Test func optionsAndBranches() {
        #expect(ProsePatterns.optionHeading("Permissions Option 2")! == ("Permissions", 2))
        #expect(ProsePatterns.optionHeading("Option 1")! == ("", 1))
        #expect(ProsePatterns.optionHeading("Options for you") == nil)
        #expect(ProsePatterns.branch("For permissions option 2:")! == ("permissions", 2))
        #expect(ProsePatterns.branch("For Permissions Option 1:")! == ("Permissions", 1))
        #expect(ProsePatterns.branch("For more details see below") == nil)
    }

    @Test func alternativesAndPrompts() {
        #expect(ProsePatterns.alternativeMarker("a. (Option 1):: Assign read")! == (1, "Assign read"))
        #expect(ProsePatterns.alternativeMarker("b. (Option 2): Tables")! == (2, "Tables"))
        #expect(ProsePatterns.alternativeMarker("(Option 3): x")! == (3, "x"))
        #expect(ProsePatterns.alternativeMarker("a. Assign read") == nil)
        #expect(ProsePatterns.isChoicePrompt("Select 1 of the options below:"))
        #expect(ProsePatterns.isChoicePrompt("Select 1 of the options:"))
        #expect(!ProsePatterns.isChoicePrompt("Select the rows you need"))
    }

    @Test func connectionSwitches() {
        let switchTo = ProsePatterns.connectionSwitch("Switch to the end user database in the query editor. Assign.")
        #expect(switchTo?.phrase == "Switch to the end user database")
        #expect(switchTo?.database == "end user")
        #expect(switchTo?.stays == false)
        let stay = ProsePatterns.connectionSwitch("Stay in the Segment Database within the Redshift Query Editor.")
        #expect(stay?.database == "segment")
        #expect(stay?.stays == true)
        #expect(ProsePatterns.connectionSwitch("Switch back to the Segment database in the query editor.")?.database == "segment")
        #expect(ProsePatterns.connectionSwitch("Create a database for it.") == nil)
    }

    /// Text before the phrase whose lower-case form has another length ("İ" gains a byte) must not shift
    /// what is quoted back from the original.
    @Test func phrasesAfterTextThatChangesLengthWhenLowerCased() {
        let switchTo = ProsePatterns.connectionSwitch("İSTANBUL team. Switch to the END USER database. Then grant.")
        #expect(switchTo?.phrase == "Switch to the END USER database")
        #expect(switchTo?.database == "end user")
        let requirements = ProsePatterns.claimRequirements(
            "İİİ Read access to the Profiles Sync schema (for example, profiles_sync)")
        #expect(requirements.map(\.target) == [.schema("profiles_sync")])
    }

    @Test func exampleValues() {
        #expect(ProsePatterns.exampleValues("a databse (for example, segment_workspace). Schemas") == ["segment_workspace"])
        #expect(ProsePatterns.exampleValues("(for example: profiles_sync)") == ["profiles_sync"])
        #expect(ProsePatterns.exampleValues("(for example, user_devices table or device_locations table)") == [
            "user_devices", "device_locations",
        ])
        #expect(ProsePatterns.exampleValues("(for example, devices schema)") == ["devices"])
        #expect(ProsePatterns.exampleValues("(created in Step 1)").isEmpty)
        #expect(ProsePatterns.exampleValues("(for example, Segment Profile tables)").isEmpty)
    }
}
