package io.github.sessionguard.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.harness.Finding;
import io.github.sessionguard.harness.SpotBugsRun;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Framework rows matched by receiver type whose name alone says little (a component's constructor, Wicket's
 * {@code signIn}, its {@code Session.setAttribute}) are not matched on a type whose hierarchy the classpath cannot
 * read. Without the CAS client on the classpath, the application's subclass of its validation filter is such a
 * type, and so is every class of a framework jar analysed without its dependencies: taking each constructor call
 * on one for a Wicket {@code SignInPanel} once reported 79 logins in keycloak-services.
 */
class UnplaceableTypesTest {

    @Test
    void aConstructorOfATypeWithAMissingSupertypeIsNoLoginComponent() throws Exception {
        Path fixtures = Paths.get(System.getProperty("sessionguard.fixtures"));
        List<String> aux = SpotBugsRun.engineClasspath().stream().filter(entry -> !entry.contains("cas-client-core"))
                .collect(Collectors.toList());
        assertTrue(aux.size() < SpotBugsRun.engineClasspath().size(), "the CAS client is on the test classpath");
        SpotBugsRun run = SpotBugsRun.analyse("unplaceable-types", List.of(fixtures), aux, true);
        List<String> components = run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.message().contains("SignInPanel") || f.message().contains("SignInPage")
                        || f.message().contains("CAS ticket-validation filter"))
                .map(Finding::toString).sorted().collect(Collectors.toList());
        // Wicket's own jars are there: its sign-in components stay found (a page with the panel, a SignInPage
        // subclass, a panel subclass's hook); nothing else is taken for one, and no CAS hook without the CAS client.
        assertEquals(List.of(), components.stream().filter(f -> !f.contains(".frameworks.wicket.")).collect(Collectors.toList()),
                "logins found through a component on a type the classpath cannot place");
        assertEquals(3, components.size(), String.join("\n", components));
        assertEquals(List.of(), run.errors());
    }
}
