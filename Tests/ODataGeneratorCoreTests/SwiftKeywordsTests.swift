import Testing
import ODataGeneratorCore

@Test("Swift keywords the corpus uses as names are reserved", arguments: ["default", "private", "protocol", "self", "Type", "import", "Protocol"])
func reservedWords(_ word: String) {
    #expect(SwiftKeywords.isReserved(word))
}

@Test("ordinary names are not reserved", arguments: ["customer", "CustomerV3", "dataAreaId", "value"])
func ordinaryWords(_ word: String) {
    #expect(!SwiftKeywords.isReserved(word))
}
