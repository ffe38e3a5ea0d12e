import FieldPlanCore
import Testing

struct MaskingTests {
    @Test func phonesAreMaskedUnlessTheStopNeedsACall() {
        #expect(Masking.phone("+254712345678") == "+2547•••••678")
        #expect(Masking.phone("0712345678") == "07•••••678")
        #expect(Masking.phone("12345") == "•••45")
        #expect(Masking.phoneForAgent("+254712345678", reason: "appointment") == "+254712345678")
        #expect(Masking.phoneForAgent("+254712345678", reason: "callback") == "+254712345678")
        #expect(Masking.phoneForAgent("+254712345678", reason: "priority") == "+2547•••••678")
        #expect(Masking.phoneForAgent(nil, reason: "priority") == nil)
    }
}
