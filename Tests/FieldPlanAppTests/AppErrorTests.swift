import FieldPlanApp
import FieldPlanPlanning
import Testing

/// `AppError`: one message whatever the case, so both edges say the same thing.
struct AppErrorTests {
    @Test(arguments: [
        AppError.notFound("no plan"), .invalid("bad date"), .refused("refused (shift end): too late"), .conflict("taken"), .failed("damaged"),
    ])
    func theMessageIsTheDescription(_ error: AppError) {
        #expect(error.description == error.message)
        #expect(["no plan", "bad date", "refused (shift end): too late", "taken", "damaged"].contains(error.message))
    }
}
