import FieldPlanPostgres
import FieldPlanStore
import Hummingbird
import Logging

/// The service as `fieldplan serve` runs it and the tests test it: `configuration.store`, or
/// the store at `configuration.storePath` (which must exist; an SQLite file opens as a
/// `DatabasePool`), the routes, the middleware, and HTTP/1.1 with an idle timeout.
public func buildApplication(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
    let store = try configuration.store ?? StoreOpener.open(configuration.storePath)
    let router = buildRouter(store: store, limits: configuration.limits, logger: configuration.logger)
    let onListening = configuration.onListening
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(configuration.limits.idleSeconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "fieldplan"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: configuration.logger
    )
}

/// Runs the service until SIGINT or SIGTERM, then lets the requests in flight finish
/// (Hummingbird's graceful shutdown through ServiceLifecycle).
public func serve(_ configuration: ServerConfiguration) async throws {
    try await buildApplication(configuration).runService()
}

/// Every route with its middleware (the web app's files outside `/api`, without a token):
/// request logging outermost (so it sees the final status), then errors to JSON, then the
/// token check on `/api`, then the mark of a writing request (its store calls wait in
/// `writes`, one queue per server).
public func buildRouter(store: any AgencyStore, limits: ServerLimits = ServerLimits(), logger: Logger) -> Router<APIRequestContext> {
    buildRouter(store: store, limits: limits, logger: logger, writes: WriteQueue(waitSeconds: limits.writeQueueSeconds))
}

func buildRouter(store: any AgencyStore, limits: ServerLimits, logger: Logger, writes: WriteQueue,
                 syncs: SyncCombiner = SyncCombiner()) -> Router<APIRequestContext> {
    let blocking = BlockingStore(store: store, seconds: limits.requestSeconds, longSeconds: limits.longRequestSeconds, writes: writes, syncs: syncs)
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: ErrorMiddleware())
    router.addRoutes(HealthController(store: blocking).routes)
    // Issue 14: the web app's pages and files (no token: they hold no data).
    router.addRoutes(WebController().routes)
    // A token found valid is not looked up again until the next commit to the store.
    let auth = AuthMiddleware(store: blocking, changes: try? store.changes())
    let api = router.group("/api").add(middleware: auth).add(middleware: WriteRequestMiddleware())
    api.addRoutes(OpenAPIController().routes)
    api.addRoutes(SessionController().routes)
    api.addRoutes(AccountsController(store: blocking).routes)
    api.addRoutes(AgentsController(store: blocking).routes)
    api.addRoutes(SettingsController(store: blocking, limits: limits).routes)
    api.addRoutes(ZonesController(store: blocking).routes)
    api.addRoutes(ZoneChangesController(store: blocking, limits: limits).routes)
    api.addRoutes(WeekPlansController(store: blocking, limits: limits).routes)
    api.addRoutes(PlansController(store: blocking, limits: limits).routes)
    api.addRoutes(PlanEditsController(store: blocking, limits: limits).routes)
    api.addRoutes(SheetsController(store: blocking).routes)
    api.addRoutes(PacketsController(store: blocking).routes)
    api.addRoutes(ImportController(store: blocking, limits: limits).routes)
    api.addRoutes(SyncController(store: blocking, limits: limits).routes)
    api.addRoutes(ExportController(store: blocking).routes)
    api.addRoutes(ReviewController(store: blocking, limits: limits).routes)
    api.addRoutes(AuditController(store: blocking).routes)
    api.addRoutes(ClearancesController(store: blocking, limits: limits).routes)
    api.addRoutes(ReportsController(store: blocking).routes)
    return router
}
