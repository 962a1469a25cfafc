/// What the console's middleware hands every request: the templates and how cookies are set.
struct ConsoleEnvironment: Sendable {
    let pages: ConsolePages
    let cookies: ConsoleCookies
}
