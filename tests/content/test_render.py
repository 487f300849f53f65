import pytest

from lms.markdown_render import render_markdown

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "<p onclick=\"alert(1)\">x</p>",
    "<object data=\"x\"></object>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<form action=\"https://evil.example\"><button>x</button></form>",
]


@pytest.mark.parametrize("payload", XSS)
def test_payloads_lose_everything_executable(payload):
    out = render_markdown(f"Hello\n\n{payload}\n\n{payload} inline", "c").html.lower()
    for bad in ("<script", "onerror=", "onload=", "onclick=", "javascript:", "<iframe", "style=", "<object",
                "data:text", "<form", "<svg", "<style"):
        assert bad not in out, (payload, out)


def test_supported_markdown_survives():
    source = ("## Title\n\nText[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   Definition\n\n"
              "```\ncode\n```\n\n!!! contraindication \"Contraindication\"\n    Fever.\n\n[^1]: A source.")
    out = render_markdown(source, "c")
    html = out.html
    assert "<table>" in html and "<dl>" in html and "<pre><code>" in html and 'class="footnote"' in html
    assert '<div class="admonition contraindication">' in html
    assert out.toc == [(2, "title", "Title")]


def test_module_links_and_images_point_at_course_routes():
    html = render_markdown("[next](02-tendons.md#top) ![d](images/a.png)", "kin").html
    assert 'href="/courses/kin/tendons#top"' in html and 'src="/courses/kin/files/images/a.png"' in html
