import Crypto
import Foundation

/// A bearer token (SPEC §8): `fpt_` and 32 random bytes in base64url, shown once when its
/// user is made. The store keeps only its SHA-256.
public struct AccessToken: Sendable {
    public static let prefix = "fpt_"
    /// 32 bytes are 43 base64url characters without padding.
    static let randomBytes = 32
    static let encodedLength = 43

    public let text: String

    /// A new token from the system's secure random source.
    public static func random() -> AccessToken {
        // swift-crypto draws a key from the system's secure random source (getrandom on Linux).
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return AccessToken(checked: prefix + base64URL(bytes))
    }

    private init(checked text: String) { self.text = text }

    /// A token as a client sent it; nil when it is not shaped like one (the caller answers
    /// `401` without touching the store).
    public init?(_ text: some StringProtocol) {
        guard text.hasPrefix(Self.prefix), text.utf8.count == Self.prefix.utf8.count + Self.encodedLength,
              text.utf8.dropFirst(Self.prefix.utf8.count).allSatisfy(Self.isBase64URL) else { return nil }
        self.text = String(text)
    }

    /// SHA-256 of the token's text: what the store keeps and looks the user up by.
    public var hash: [UInt8] { Array(SHA256.hash(data: Data(text.utf8))) }

    /// Compares two hashes without stopping at the first difference, so the time taken says
    /// nothing about how much of a guess was right.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func isBase64URL(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
    }
}
