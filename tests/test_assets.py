from guidekit.assets import root_prefix, tool_assets


def test_root_prefix_for_home_and_nested_pages():
    assert root_prefix("") == ""
    assert root_prefix("emails/") == "../"
    assert root_prefix("print/feel-it/") == "../../"


def test_tool_assets_point_at_the_tool_files():
    html = tool_assets("emails/", "emails")
    assert 'href="../assets/tools/emails.css"' in html and 'src="../assets/tools/emails.js" defer' in html


def test_a_tool_with_a_style_alone_loads_no_script():
    html = tool_assets("counselors/workshop/", "counselors.css")
    assert html == '<link rel="stylesheet" href="../../assets/tools/counselors.css">'
    assert tool_assets("", "device.js") == '<script src="assets/tools/device.js" defer></script>'
