/// `/static/console.css`: the console's one stylesheet (no inline styles anywhere: the CSP forbids them).
enum ConsoleStylesheet {
    static let text = """
        :root { --ink: #1d2330; --muted: #5b6472; --line: #d8dde6; --accent: #2456a6; --bad: #a32323; --bg: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
               background: var(--bg); }
        a { color: var(--accent); }
        .console-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1.5rem; padding: .6rem 1.2rem;
                          background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        .console-nav { display: flex; flex-wrap: wrap; gap: 1rem; flex: 1; }
        .console-nav a { text-decoration: none; padding: .2rem 0; }
        .console-nav a[aria-current="page"] { font-weight: 600; border-bottom: 2px solid var(--accent); }
        .logout { display: flex; align-items: center; gap: .6rem; margin: 0; }
        .who { color: var(--muted); }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        h1 { font-size: 1.4rem; margin: .6rem 0 1rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); }
        form.login { display: grid; gap: .4rem; max-width: 22rem; }
        input, select, textarea, button { font: inherit; }
        input, select, textarea { padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
        button { padding: .35rem .9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent);
                 color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        button:disabled { opacity: .5; cursor: not-allowed; }
        .error { color: var(--bad); font-weight: 600; }
        .notice { padding: .5rem .8rem; background: #e8f0fc; border: 1px solid #b9cdf0; border-radius: 4px; }
        .muted { color: var(--muted); }
        .pager { display: flex; gap: 1rem; margin: 1rem 0; }
        .filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        .actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .8rem 0; }
        .archive-actions { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: end; }
        .archive-actions form { display: flex; gap: .4rem; align-items: end; margin: 0; }
        pre, .message-text { white-space: pre-wrap; word-break: break-word; background: #fff; padding: .8rem;
                             border: 1px solid var(--line); }
        svg { max-width: 100%; height: auto; }

        """
}
