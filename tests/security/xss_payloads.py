"""A corpus of XSS payloads; each would set window.__xss or open a dialog if it ran."""
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<img src=x onerror=\"window.__xss=1;alert(1)\">",
    "<svg onload=\"window.__xss=1\">",
    "<svg><script>window.__xss=1</script></svg>",
    "\"><script>window.__xss=1</script>",
    "'><img src=x onerror=window.__xss=1>",
    "<a href=\"javascript:window.__xss=1\">click</a>",
    "<a href=\"JaVaScRiPt&#58;window.__xss=1\">click</a>",
    "[md link](javascript:window.__xss=1)",
    "<iframe src=\"data:text/html,<script>parent.__xss=1</script>\"></iframe>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==\"></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<<script>script>window.__xss=1<</script>/script>",
    "<details open ontoggle=\"window.__xss=1\">",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
]
