package io.github.sessionguard.evidence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real HTTP over loopback, with the session cookie handled by hand: the test decides which id the "browser"
 * presents (the planted one, or the one the server handed out), as an attacker who fixed the id would.
 */
final class Loopback {

    static final String SESSION_COOKIE = "JSESSIONID";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;
    private final String cookieName;

    Loopback(int port) {
        this(port, SESSION_COOKIE);
    }

    /** A client for a framework whose session cookie has another name ({@code SESSION}, {@code vertx-web.session}). */
    Loopback(int port, String cookieName) {
        this.port = port;
        this.cookieName = cookieName;
    }

    /**
     * What one request saw.
     *
     * @param status    HTTP status
     * @param body      the servlet's {@code key=value} lines
     * @param issuedId  the session cookie's value of a {@code Set-Cookie} header on this response, if any
     */
    record Reply(int status, Map<String, String> body, Optional<String> issuedId) {
        String get(String key) {
            return body.get(key);
        }
    }

    /** GET {@code path} on 127.0.0.1, presenting {@code sessionId} as the session cookie when it is not null. */
    Reply get(String path, String sessionId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET(), sessionId);
    }

    /** GET with one more request header (for example {@code Authorization}). */
    Reply get(String path, String sessionId, String header, String value) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header(header, value)
                .GET(), sessionId);
    }

    /** POST a form ({@code a=1&b=2}) to {@code path}, presenting {@code sessionId} when it is not null. */
    Reply postForm(String path, String form, String sessionId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), sessionId);
    }

    /**
     * The attacker's first step: opens a session at {@code /plant} and returns its id, checked to be the one
     * the session cookie carries.
     */
    String plant() throws IOException, InterruptedException {
        Reply planted = get("/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId(), "the session cookie carries the planted id");
        return planted.get("session");
    }

    /** POSTs the test user's credentials to {@code path}, presenting the planted id. */
    Reply postLogin(String path, String planted) throws IOException, InterruptedException {
        return postForm(path, "username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted);
    }

    /**
     * The login kept the planted id and issued no new one, and the planted id is now logged in: fixation.
     * Returns the planted session's {@code /whoami} reply.
     */
    Reply assertPlantedIdLoggedIn(Reply login, String planted) throws IOException, InterruptedException {
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        Reply whoami = get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals(EmbeddedTomcat.USER, whoami.get("user"), "the planted id is logged in: fixation");
        return whoami;
    }

    /**
     * The login gave the session a new id, sent as the session cookie; the planted id opens nothing, and the
     * new one carries the user. Returns the new session's {@code /whoami} reply.
     */
    Reply assertRenewed(Reply login, String planted) throws IOException, InterruptedException {
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as JSESSIONID");
        assertEquals("none", get("/whoami", planted).get("session"), "the planted id opens nothing");
        Reply renewed = get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, renewed.get("user"));
        return renewed;
    }

    /**
     * Prints what a login did to the planted id ({@code what}: the framework and the path) and checks it
     * succeeded inside the planted session (the handler's {@code before} line).
     */
    static Reply ranInPlantedSession(String what, String planted, Reply login) {
        System.out.printf("[evidence] %s: planted %s -> status %d, before %s, after %s, issued %s%n", what, planted,
                login.status(), login.get("before"), login.get("after"), login.issuedId());
        assertEquals(200, login.status());
        assertEquals(planted, login.get("before"), "the handler ran in the planted session");
        return login;
    }

    /**
     * The attributes of the one {@code Set-Cookie} header of a GET of {@code path} (presenting no session) for the
     * cookie {@code nameAndValue} begins with ({@code "remember-me=t0k3n"}, or {@code "JSESSIONID="}): checked to be
     * there once, with that value; others beside it (a framework's session cookie) are left alone.
     */
    java.util.List<String> cookieAttributes(String path, String nameAndValue) throws IOException, InterruptedException {
        String name = nameAndValue.substring(0, nameAndValue.indexOf('=') + 1);
        java.util.List<String> headers = setCookies(path).stream().filter(h -> h.startsWith(name)).toList();
        assertEquals(1, headers.size(), headers.toString());
        assertTrue(headers.get(0).startsWith(nameAndValue), headers.get(0));
        return cookieAttributes(headers.get(0));
    }

    /** Every {@code Set-Cookie} header of a GET of {@code path} that presents no session. */
    java.util.List<String> setCookies(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().allValues("Set-Cookie");
    }

    /** The attributes of a {@code Set-Cookie} value after {@code name=value}, trimmed and lower case. */
    static java.util.List<String> cookieAttributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).skip(1).map(a -> a.trim().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toList());
    }

    private Reply send(HttpRequest.Builder request, String sessionId) throws IOException, InterruptedException {
        if (sessionId != null) {
            request.header("Cookie", cookieName + "=" + sessionId);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> body = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                body.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        Optional<String> issued = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(cookieName + "="))
                .map(c -> c.substring(cookieName.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst();
        return new Reply(response.statusCode(), body, issued);
    }
}
