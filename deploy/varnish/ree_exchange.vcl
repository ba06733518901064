# Varnish in front of REE Exchange: it keeps the anonymous pages the site
# marks cacheable and is purged by their surrogate keys on every change
# (pagecache/invalidation.py: the task worker POSTs the keys to /.purge).
# docs/operations.md, "A CDN in front", says how it is run.
#
# Needs varnish-modules for xkey (Debian: apt-get install varnish
# varnish-modules). Set the backend to the web server (gunicorn) and the
# purgers to the hosts the task worker runs on.
vcl 4.1;

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.url == "/.purge") {
        if (req.method != "POST") {
            return (synth(405, "Method Not Allowed"));
        }
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "No Surrogate-Key"));
        }
        set req.http.n-gone = xkey.purge(req.http.Surrogate-Key);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff see live, private pages; a session or a message waiting for the
    # reader (after a form) goes to the site, whose own page cache still
    # answers anything that is the same for everyone.
    if (req.http.Authorization || req.url ~ "^/(admin|preview)/"
        || req.http.Cookie ~ "(^|;\s*)(ree_staff|sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie does not change an anonymous page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Only what the site tagged is kept: those are the responses it purges.
    # Anything else (a 404, a redirect, a form) would outlive the change
    # that makes it wrong.
    if (!beresp.http.Surrogate-Key || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # No stale copy served while a fresh one is fetched: a page's lifetime
    # already ends at the next scheduled publish or expiry.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    # The keys are for this cache, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
