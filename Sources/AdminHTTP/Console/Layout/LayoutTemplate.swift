/// The page around every console page: header with the user's name and the logout form, the navigation, and the page
/// itself (the dynamic partial `consoleTemplate`, rendered with the page's data on top of the layout's).
enum LayoutTemplate {
    static let text = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · CRMService</title>
        <link rel="stylesheet" href="/static/console.css">
        <script src="/static/console.js" defer></script>
        </head>
        <body>
        <header class="console-header">
        <a class="brand" href="/">CRMService</a>
        {{#user}}
        <nav class="console-nav">
        {{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>
        {{/nav}}
        </nav>
        <form class="logout" method="post" action="/logout">
        <span class="who">{{name}}</span>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Log out</button>
        </form>
        {{/user}}
        </header>
        <main>
        <h1>{{title}}</h1>
        {{#page}}{{>*consoleTemplate}}{{/page}}
        </main>
        </body>
        </html>

        """
}
