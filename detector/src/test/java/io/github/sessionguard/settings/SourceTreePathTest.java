package io.github.sessionguard.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Settings findings point at the file in the repository, found from the build's layout. */
class SourceTreePathTest {
    @TempDir
    Path dir;

    @Test
    void mavenModuleIsRelativeToTheRepositoryRoot() throws Exception {
        Files.createDirectories(dir.resolve("repo/.git"));
        Path classes = Files.createDirectories(dir.resolve("repo/web/target/classes"));
        touch(dir.resolve("repo/web/src/main/resources/application.properties"));
        assertEquals("web/src/main/resources/application.properties",
                SourceTreePath.of(classes.toString(), "application.properties"));
    }

    @Test
    void worktreeWhoseGitIsAFileIsARepositoryRoot() throws Exception {
        touch(dir.resolve("repo/.git"));
        Path classes = Files.createDirectories(dir.resolve("repo/target/classes"));
        touch(dir.resolve("repo/src/main/resources/config/application-prod.yml"));
        assertEquals("src/main/resources/config/application-prod.yml",
                SourceTreePath.of(classes.toString(), "config/application-prod.yml"));
    }

    @Test
    void withoutARepositoryTheProjectFolderIsTheBase() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("solo/build/resources/main"));
        touch(dir.resolve("solo/src/main/resources/application.yml"));
        assertEquals("src/main/resources/application.yml", SourceTreePath.of(classes.toString(), "application.yml"));
    }

    @Test
    void webXmlOfAWarIsInTheWebappFolder() throws Exception {
        Files.createDirectories(dir.resolve("repo/.git"));
        Path war = touch(dir.resolve("repo/shop/target/shop.war"));
        touch(dir.resolve("repo/shop/src/main/webapp/WEB-INF/web.xml"));
        assertEquals("shop/src/main/webapp/WEB-INF/web.xml", SourceTreePath.of(war.toString(), "WEB-INF/web.xml"));
    }

    @Test
    void aFileTheSourcesDoNotHoldKeepsItsResourcePath() throws Exception {
        Files.createDirectories(dir.resolve("repo/.git"));
        Path classes = Files.createDirectories(dir.resolve("repo/target/classes"));
        assertEquals("application.properties", SourceTreePath.of(classes.toString(), "application.properties"));
    }

    @Test
    void anUnknownLayoutKeepsTheResourcePath() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("somewhere/classes"));
        touch(dir.resolve("somewhere/src/main/resources/application.properties"));
        assertEquals("application.properties", SourceTreePath.of(classes.toString(), "application.properties"));
    }

    @Test
    void aResourcePathCannotLeaveTheProject() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("p/target/classes"));
        touch(dir.resolve("outside.properties"));
        assertEquals("../../../outside.properties",
                SourceTreePath.of(classes.toString(), "../../../outside.properties"));
    }

    private static Path touch(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {'x'});
    }
}
