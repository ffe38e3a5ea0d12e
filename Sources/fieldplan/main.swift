import ArgumentParser
import FieldPlanCLI

#if canImport(Glibc)
import Glibc
#endif

// One line on stderr for any failure, exit 1 for usage and failures, 3 for rejected
// input lines (SPEC §10); never a stack trace for bad input.
do {
    var command = try FieldPlanCommand.parseAsRoot()
    try command.run()
} catch {
    if let message = FieldPlanCommand.failureMessage(for: error) {
        writeStandardError("fieldplan: \(message)\n")
        exit(1)
    }
    let code = FieldPlanCommand.exitCode(for: error)
    if code == .success || code.rawValue == 3 {
        FieldPlanCommand.exit(withError: error)
    }
    let message = FieldPlanCommand.fullMessage(for: error)
    if !message.isEmpty { writeStandardError(message + "\n") }
    exit(code == .validationFailure || code.rawValue == 64 ? 1 : code.rawValue)
}
