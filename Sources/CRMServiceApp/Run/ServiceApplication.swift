import AdminHTTP
import CRMCore
import Foundation
import Jobs
import Logging
import ServiceLifecycle
import Store

/// The composition root of `crmservice run` (issue #4): from the configuration it opens the database and builds one
/// `ServiceGroup` of the admin HTTP server, the scheduler and the mail pollers.
///
/// - SIGTERM/SIGINT shut the group down gracefully, pollers first (they finish and commit the message in hand), then
///   the scheduler (running jobs stop after their batch), then the admin server; whatever is still running after
///   `gracefulShutdownLimit` is cancelled, so the process ends within 10 s.
/// - The admin server or the scheduler ending or failing ends the group (and the process, status 1 on failure).
///   A poller never does: its error is logged and the others go on.
/// - `--once` (`run(once: true)`): no admin server, no scheduler loop; the pollers (built with `once`) and the jobs
///   that are due run once, then `run` returns.
public struct ServiceApplication: Sendable {
    /// Builds the mail pollers, one `Service` a mailbox (`context.mailboxes`) or one for all; called once per `run`.
    /// In `context.once` mode each poller polls once and returns; otherwise it polls until graceful shutdown.
    public typealias PollerFactory = @Sendable (PollerContext) throws -> [any Service]

    /// Graceful shutdown's time before the group is cancelled.
    public static let gracefulShutdownLimit: Duration = .seconds(8)

    public let configuration: ServiceConfiguration
    /// The configuration file as given (named in errors of jobs that read secrets at each run).
    let configurationFile: String
    /// The basic-auth password of the admin server (from `admin.password_file`).
    let password: Secret
    /// The console's HTTPS, nil for plain HTTP.
    let tls: AdminTLS?
    let logger: Logger
    let makePollers: PollerFactory
    let onAdminServerRunning: @Sendable (AdminServer.Address) async -> Void

    /// Checks what `run` needs (`validateForRun`) and reads `admin.password_file` with `SecretFile`; a problem is a
    /// `ConfigurationError` naming `file` and the key. `makePollers` builds the mail pollers (none until the poller
    /// is plugged in); `onAdminServerRunning` gets the admin server's bound address.
    public init(configuration: ServiceConfiguration, file: String, logger: Logger = ServiceApplication.defaultLogger(),
                makePollers: @escaping PollerFactory = { _ in [] },
                onAdminServerRunning: @escaping @Sendable (AdminServer.Address) async -> Void = { _ in })
        throws(ConfigurationError) {
        try configuration.validateForRun(file: file)
        guard let passwordFile = configuration.admin.passwordFile else {
            throw ConfigurationError(file: file, problems: [.init(key: "admin.password_file", message: "is required")])
        }
        do { password = try SecretFile.read(passwordFile) } catch {
            throw ConfigurationError(file: file, problems: [.init(key: "admin.password_file", message: error.description)])
        }
        if let certificate = configuration.admin.tlsCertFile, let key = configuration.admin.tlsKeyFile {
            do { tls = try AdminTLS(certificateFile: certificate, keyFile: key) } catch {
                let name = error.file == .certificate ? "admin.tls_cert_file" : "admin.tls_key_file"
                throw ConfigurationError(file: file, problems: [.init(key: name, message: error.description)])
            }
        } else {
            tls = nil
        }
        self.configuration = configuration
        self.configurationFile = file
        self.logger = logger
        self.makePollers = makePollers
        self.onAdminServerRunning = onAdminServerRunning
    }

    /// The process's logger: swift-log's default handler (standard error), label `crmservice`, level `info` or the
    /// `LOG_LEVEL` environment variable (`trace` … `critical`).
    public static func defaultLogger(environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        ProcessLogger.make(label: "crmservice", defaultLevel: .info, environment: environment)
    }

    /// The mailboxes polled: the enabled ones, none when `jobs.mail-poll.enabled` is false.
    public var polledMailboxes: [String] {
        configuration.polledMailboxes.map(\.name)
    }

    /// Runs until SIGTERM/SIGINT (or, with `once`, until the pollers and the due jobs are done). Returns what the job
    /// runs of `once` did (nothing otherwise).
    @discardableResult
    public func run(once: Bool = false) async throws -> OnceSummary {
        let location = configuration.database.location
        // Every run this process starts records this instance (issue 14); `--once` stays a one-shot command.
        if !once { ProcessInstance.set(InstanceName(configuration.instance.name)) }
        // Opening migrates (or connects): blocking work, off the cooperative pool like all of it.
        let database = try await BlockingThread.run(name: "crmservice.open") { try DatabaseOpener.open(location) }
        let state = AdminState(mailboxes: polledMailboxes)
        // The pollers report to the admin server through the mail-poll run log (§7: every run is recorded).
        let observer = MailPollRunLog(passingTo: state, log: database, logger: logger)
        var context = PollerContext(configuration: configuration, database: database, observer: observer, once: once,
                                    logger: logger)
        context.heldLeases = state.heldLeases
        let pollers = try makePollers(context).map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: PollerIsolation(poller: $0, logger: logger),
                successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)
        }
        let console = JobsConsole(database: database, jobs: configuration.jobs)
        let registered = DigestSending.jobs(configuration: configuration, file: configurationFile, store: database)
            + CalendarSyncJob.jobs(configuration: configuration, database: database, heldLeases: state.heldLeases)
        let dueJobs = DueJobsService(
            dueJobs: DueJobs(jobs: console.jobs(registering: registered), definitions: try definitions(console), store: database,
                             clock: SystemSchedulerClock(), logger: logger))
        if once {
            // `--once` is a one-shot command: its own instance `cli@HOST:PID`, beating while it runs (issue 14).
            try await CommandHeartbeat.during(database) {
                try await group(services: [.init(service: dueJobs, successTerminationBehavior: .ignore)] + pollers).run()
            }
            await BlockingThread.run(name: "crmservice.run-log") { observer.flush() }
            let failed = state.snapshot().filter { !$0.value.isHealthy }.keys.sorted()
            return OnceSummary(dueJobs.reports.withLock { $0 }, failedMailboxes: failed)
        }
        // The console reaches the scheduler of this process (run now, standby) through `control`.
        let control = SchedulerControl()
        var services = ConsoleServices(logins: database, sessions: database, audit: database,
                                       hashing: BcryptPasswordHashing(), health: state,
                                       imports: ConsoleImports(database: database, audit: database),
                                       rating: ConsoleRating(database: database, audit: database),
                                       review: ConsoleReviewQueue(database: database, policy: configuration.capture.policy))
        services.dashboard = database
        services.jobs = JobsConsoleBoard(console: console, control: control, registering: registered)
        services.accounts = database
        services.archives = ConsoleArchives(service: ArchiveService(database: database))
        services.candidates = ReviewCandidateService(database: database, policy: configuration.capture.policy)
        services.leases = database
        let admin = try AdminServer(
            address: .init(host: configuration.admin.host, port: configuration.admin.port),
            password: password.value, state: state, console: services, tls: tls, logger: logger,
            onServerRunning: onAdminServerRunning)
        let scheduler = try console.schedulerServiceForRun(logger: logger, control: control, registering: registered)
        let heartbeat = InstanceHeartbeat(registry: database, instance: ProcessInstance.name,
                                          leaseSeconds: configuration.instance.leaseSeconds, logger: logger,
                                          onBeat: { instances, running, now in
                                              state.reportInstances(InstancesHealth(name: ProcessInstance.name, instances: instances,
                                                                                    running: running, at: now))
                                          })
        // Graceful shutdown goes from the last service to the first: pollers, scheduler, admin server, and the
        // heartbeat last, so the runs still stopping stay this live instance's.
        defer { observer.flush() }
        try await group(services: [
            .init(service: heartbeat, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .cancelGroup),
            .init(service: admin, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .cancelGroup),
            .init(service: scheduler, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .cancelGroup),
        ] + pollers).run()
        return OnceSummary([])
    }

    private func group(services: [ServiceGroupConfiguration.ServiceConfiguration]) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.gracefulShutdownLimit
        configuration.maximumCancellationDuration = .seconds(1)
        return ServiceGroup(configuration: configuration)
    }

    private func definitions(_ console: JobsConsole) throws -> [JobDefinition] {
        do { return try console.configuration.definitions() } catch {
            throw ServiceApplicationError.jobs(error)
        }
    }
}

/// Why `run` could not start its services.
public enum ServiceApplicationError: Error, Sendable, CustomStringConvertible {
    /// A job's schedule in the `jobs` section is unusable.
    case jobs(JobsConfigurationError)

    public var description: String {
        switch self {
        case .jobs(let error): error.description
        }
    }
}

extension JobsConsole {
    func schedulerServiceForRun(logger: Logger, control: SchedulerControl, registering registered: [any Job] = [])
        throws -> SchedulerService {
        do { return try schedulerService(logger: logger, registering: registered, control: control) } catch {
            throw ServiceApplicationError.jobs(error)
        }
    }
}
