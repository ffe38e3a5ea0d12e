import Crypto
@testable import FieldPlanServer
import Foundation
import Testing

struct AccessTokenTests {
    @Test func aNewTokenIsPrefixedBase64URLOf32RandomBytes() {
        let tokens = (0..<200).map { _ in AccessToken.random().text }
        #expect(Set(tokens).count == tokens.count)
        for t in tokens {
            #expect(t.hasPrefix("fpt_"))
            #expect(t.count == 4 + 43)
            #expect(t.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            #expect(AccessToken(t) != nil)
        }
    }

    @Test func theHashIsTheSHA256OfTheText() {
        let token = AccessToken.random()
        #expect(token.hash == Array(SHA256.hash(data: Data(token.text.utf8))))
        #expect(token.hash.count == 32)
    }

    @Test(arguments: ["", "fpt_", "fpt_abc", "xpt_" + String(repeating: "A", count: 43), "fpt_" + String(repeating: "A", count: 44),
                      "fpt_" + String(repeating: "A", count: 42) + "=", "fpt_" + String(repeating: "A", count: 42) + "é"])
    func misshapenTokensAreRefusedBeforeTheStore(text: String) {
        #expect(AccessToken(text) == nil)
    }

    @Test func constantTimeEqualityIsEquality() {
        let a = AccessToken.random().hash, b = AccessToken.random().hash
        #expect(AccessToken.constantTimeEqual(a, a))
        #expect(!AccessToken.constantTimeEqual(a, b))
        var c = a
        c[31] ^= 1
        #expect(!AccessToken.constantTimeEqual(a, c))
        #expect(!AccessToken.constantTimeEqual(a, Array(a.prefix(31))))
    }
}
