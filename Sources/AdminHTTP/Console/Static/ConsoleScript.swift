/// `/static/console.js`: comfort only (every form works without it): a checkbox with `data-select-all` checks or
/// unchecks every `ids` checkbox of its form.
enum ConsoleScript {
    static let text = """
        document.addEventListener("change", function (event) {
          var box = event.target;
          if (!box.matches || !box.matches("input[data-select-all]")) return;
          var form = box.form || document;
          form.querySelectorAll('input[type="checkbox"][name="ids"]').forEach(function (each) {
            each.checked = box.checked;
          });
        });

        """
}
