"""MkDocs hook: pages declare zh-Hant-TW (script and region), not just Material's zh-TW."""

from mkdocs.plugins import event_priority


@event_priority(-200)  # after every plugin has written the page
def on_post_page(output, page, config):
    return output.replace('<html lang="zh-TW"', '<html lang="zh-Hant-TW"', 1)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    # 404.html is rendered from a theme template, not a page
    return output_content.replace('<html lang="zh-TW"', '<html lang="zh-Hant-TW"', 1)
