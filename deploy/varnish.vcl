# Varnish 7 (Debian's varnish package) in front of gunicorn: caches what Django marks public
# (core/cache_control.py) and takes PURGE requests from Wagtail's frontend_cache
# (cms/frontend_cache.py). make prod and the tests run this file with the backend's port
# rewritten; docs/deploy.md shows several app servers behind one director.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app servers (Wagtail sends PURGE from the process that published).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # One purge reaches every variant, by URL (a ban, evaluated lazily):
        #   /path*      everything under the prefix (a moved subtree, a column's routes)
        #   /path?q=1   exactly that URL
        #   /path       the path with any query string (a listing's filters and pages)
        if (req.url ~ "\*$") {
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
        } elsif (req.url ~ "\?") {
            ban("obj.http.x-url == " + req.url);
        } else {
            ban("obj.http.x-url ~ ^" + req.url + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin and the tip flow are never shared (Django says private too; this saves a trip).
    if (req.url ~ "^/(admin|django-admin|tips)(/|$)") {
        return (pass);
    }
    # A logged-in editor, a reader who entered a page password or has a message waiting:
    # never the shared copy, and never stored.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anything else is rendered as for an anonymous reader in the one language the site has:
    # cookies (csrftoken, analytics) and Accept-Language take no part in the shared copy.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    }
    return (lookup);
}

sub vcl_backend_response {
    # Bans test these, so they work without the request (the ban lurker).
    set beresp.http.x-url = bereq.url;
    # Never stored: errors, a response that sets a cookie, one Django did not mark public.
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Media and static files are served to Range requests from the stored whole object.
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers get Django's max-age; s-maxage is for this cache alone.
    set resp.http.Cache-Control = regsuball(resp.http.Cache-Control, ",?\s*s-maxage=\d+", "");
    if (resp.http.Cache-Control ~ "^\s*$") {
        unset resp.http.Cache-Control;
    }
}
