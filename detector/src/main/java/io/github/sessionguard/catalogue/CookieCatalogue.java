package io.github.sessionguard.catalogue;

import io.github.sessionguard.cookies.CookieFlag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every cookie API SessionGuard knows, as data. Adding an API is adding an entry here. */
public final class CookieCatalogue {

    private static final List<CookieApi> APIS = List.of(
            servletCookie("javax.servlet"),
            servletCookie("jakarta.servlet"));

    private CookieCatalogue() {
    }

    public static List<CookieApi> apis() {
        return APIS;
    }

    /** Slashed names whose mention in a class's constant pool makes the class worth analysing. */
    public static List<String> relevantTypes() {
        List<String> types = new ArrayList<>();
        for (CookieApi api : APIS) {
            types.add(api.cookieType());
        }
        return types;
    }

    /** True for a cookie class itself: its methods outside the catalogue (path, domain, value) leave the flags alone. */
    public static boolean isCookieType(String slashedName) {
        return APIS.stream().anyMatch(api -> api.cookieType().equals(slashedName));
    }

    /** The catalogue row for a call, or null when the call is none of the catalogue's. */
    public static CookieCallMatch lookup(String owner, String name, String descriptor) {
        for (CookieApi api : APIS) {
            for (CookieCall call : api.calls()) {
                if (call.matches(owner, name, descriptor)) {
                    return new CookieCallMatch(api, call);
                }
            }
        }
        return null;
    }

    private static CookieApi servletCookie(String pkg) {
        String cookie = pkg.replace('.', '/') + "/http/Cookie";
        return new CookieApi(pkg + ".http.Cookie", cookie,
                List.of(CookieCall.create(cookie, "(Ljava/lang/String;Ljava/lang/String;)V", 0),
                        CookieCall.setFlag(cookie, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(cookie, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setAttribute(cookie),
                        CookieCall.setMaxAge(cookie),
                        CookieCall.send("addCookie", "(L" + cookie + ";)V", 0)),
                Map.of(CookieFlag.SECURE, "cookie.setSecure(true)",
                        CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true)",
                        CookieFlag.SAME_SITE, "cookie.setAttribute(\"SameSite\", \"Lax\") (or \"Strict\")"),
                "setAttribute(Ljava/lang/String;Ljava/lang/String;)V");
    }
}
