package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fact behind "a database-backed store does not make the id change optional": Spring Session JDBC 4.0
 * (sessions in an in-memory H2 table, its {@code SessionRepositoryFilter} in front of the servlets of an
 * embedded Tomcat 11) keeps the servlet rules. A login that only stores the user keeps the planted id, in
 * the database too; {@code changeSessionId()} gives the row a new id and the planted one opens nothing.
 */
@Timeout(60)
class SpringSessionJdbcLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sessions;DB_CLOSE_DELAY=-1");
        try (var connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection,
                    new ClassPathResource("org/springframework/session/jdbc/schema-h2.sql"));
        }
        jdbc = new JdbcTemplate(dataSource);
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(repository);
        // The test client speaks JSESSIONID with raw ids; Spring Session's defaults are SESSION, base64.
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(Loopback.SESSION_COOKIE);
        serializer.setUseBase64Encoding(false);
        CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
        resolver.setCookieSerializer(serializer);
        filter.setHttpSessionIdResolver(resolver);

        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        FilterDef def = new FilterDef();
        def.setFilterName("springSession");
        def.setFilter(filter);
        app.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("springSession");
        map.addURLPattern("/*");
        app.addFilterMap(map);
        EmbeddedTomcat.addPlantAndWhoami(app);
        EmbeddedTomcat.addServlet(app, "/login-attribute-only", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (EmbeddedTomcat.PASSWORD.equals(req.getParameter("p"))) {
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });
        EmbeddedTomcat.addServlet(app, "/login-change-id", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (EmbeddedTomcat.PASSWORD.equals(req.getParameter("p"))) {
                out.put("returned", req.changeSessionId());
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        if (jdbc != null) {
            jdbc.execute("SHUTDOWN");
        }
    }

    private static String plant() throws Exception {
        Reply planted = http.get("/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId());
        assertTrue(storedIds().contains(planted.get("session")), "the planted session is a database row");
        return planted.get("session");
    }

    private static List<String> storedIds() {
        return jdbc.queryForList("SELECT SESSION_ID FROM SPRING_SESSION", String.class);
    }

    private static String storedUser(String sessionId) {
        List<byte[]> values = jdbc.queryForList("SELECT A.ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES A "
                + "JOIN SPRING_SESSION S ON A.SESSION_PRIMARY_ID = S.PRIMARY_ID "
                + "WHERE S.SESSION_ID = ? AND A.ATTRIBUTE_NAME = 'user'", byte[].class, sessionId);
        return values.isEmpty() ? null : new String(values.get(0), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLoginWithoutAnIdChangeKeepsThePlantedIdInTheDatabase() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-attribute-only?p=" + EmbeddedTomcat.PASSWORD, planted);
        System.out.printf("[evidence] Spring Session JDBC, setAttribute only: %s -> %s%n", planted, login.get("after"));
        assertEquals(planted, login.get("before"));
        assertEquals(planted, login.get("after"), "the id is unchanged");
        assertTrue(storedIds().contains(planted), "the row keeps the planted id");
        assertTrue(storedUser(planted) != null && storedUser(planted).contains(EmbeddedTomcat.USER),
                "the user is stored under the planted id");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", planted).get("user"),
                "the attacker's id is logged in: session fixation, database or not");
    }

    @Test
    void changeSessionIdGivesTheRowANewId() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-change-id?p=" + EmbeddedTomcat.PASSWORD, planted);
        System.out.printf("[evidence] Spring Session JDBC, changeSessionId(): %s -> %s%n", planted, login.get("after"));
        assertEquals(planted, login.get("before"));
        assertNotEquals(planted, login.get("after"));
        assertEquals(login.get("after"), login.get("returned"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as the cookie");
        assertFalse(storedIds().contains(planted), "no row keeps the planted id");
        assertTrue(storedIds().contains(login.get("after")), "the row now has the new id");
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals("3 items", http.get("/whoami", login.get("after")).get("cart"), "same session, attributes kept");
    }
}
