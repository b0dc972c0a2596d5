package io.github.sessionguard.catalogue;

/** A call found in the catalogue, with the API it belongs to. */
public final class CookieCallMatch {
    private final CookieApi api;
    private final CookieCall call;

    CookieCallMatch(CookieApi api, CookieCall call) {
        this.api = api;
        this.call = call;
    }

    public CookieApi api() {
        return api;
    }

    public CookieCall call() {
        return call;
    }
}
