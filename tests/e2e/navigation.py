"""The main menu in browser tests: on a narrow screen its links are behind the Menu button."""


def nav_link(page, name: str):
    """A link of the main menu, opening the menu first where a narrow screen folds it."""
    page.wait_for_load_state("domcontentloaded")  # static/js/menu.js (deferred) has run
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
