package io.github.sessionguard.flow;

import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search answers what one {@code contains} per wanted text answers, and ignoring case what the letter-by-letter search answers. */
class TextSearchTest {
    /** Overlapping texts, prefixes of each other, one beyond ASCII; texts drawn from few letters so they meet. */
    private static final List<String> WANTED = List.of("abab", "bab", "aab", "b/a", "abba/ab", "ba$", "a\u212Ab",
            "Abc", "bAA", "a/b$a", "/b");

    @Test
    void answersWhatContainsAnswers() {
        TextSearch search = TextSearch.of(WANTED);
        Random random = new Random(7);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, "abAB/$\u212A");
            boolean expected = WANTED.stream().anyMatch(text::contains);
            assertEquals(expected, search.foundIn(text), text);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 1_000 && found < 19_000, found + " found: the texts do not test both answers");
    }

    @Test
    void answersWhatTheLetterByLetterSearchAnswersIgnoringCase() {
        assertIgnoringCase(WANTED, "abcABC/$k\u212A\u017F");
        assertTrue(TextSearch.ignoringCase(WANTED).foundIn("xA\u212ABy"), "the Kelvin sign is a k ignoring case");
    }

    /** Every wanted text has a caseless character here, so the search rules texts out by those first. */
    @Test
    void answersTheSameWhenCaselessCharactersRuleTextsOut() {
        List<String> marked = List.of("s-k", "S_K", "k/", "i.s");
        assertIgnoringCase(marked, "skSKiI-_/.\u212A\u017F\u0130\u0131");
        assertTrue(TextSearch.ignoringCase(marked).foundIn("x\u017F-\u212Ay"), "the long s and the Kelvin sign");
        assertFalse(TextSearch.ignoringCase(marked).foundIn("set cookie"));
    }

    private static void assertIgnoringCase(List<String> wanted, String letters) {
        TextSearch search = TextSearch.ignoringCase(wanted);
        TextsIgnoringCase reference = new TextsIgnoringCase(wanted);
        Random random = new Random(11);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, letters);
            boolean expected = reference.foundIn(text);
            assertEquals(expected, search.foundIn(text), text);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 500 && found < 19_000, found + " found: the texts do not test both answers");
    }

    @Test
    void answersForTheCatalogueListsOnRealConstants() {
        List<String> types = new ArrayList<>(LoginCatalogue.relevantTypes());
        types.addAll(CookieCatalogue.relevantTypes());
        TextSearch search = TextSearch.of(types);
        List<String> constants = List.of("(Ljakarta/servlet/http/HttpServletRequest;)V", "javax/servlet/http/Cookie",
                "org/springframework/web/server/WebSession", "Ljava/lang/String;", "doGet", "LineNumberTable",
                "org/apache/shiro/web/filter/authc/FormAuthenticationFilter", "io/vertx/ext/web/Session",
                "com/example/ActionContextHolder", "org/springframework/http/ResponseCookie$ResponseCookieBuilder");
        int found = 0;
        for (String constant : constants) {
            boolean expected = types.stream().anyMatch(constant::contains);
            assertEquals(expected, search.foundIn(constant), constant);
            found += expected ? 1 : 0;
        }
        assertTrue(found >= 5 && found < constants.size(), found + " found");
    }

    @Test
    void anEmptyWantedTextIsInEveryText() {
        assertTrue(TextSearch.of(List.of("x", "")).foundIn(""));
        assertFalse(TextSearch.of(List.of()).foundIn("anything"));
    }

    private static String randomText(Random random, String letters) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }
}
