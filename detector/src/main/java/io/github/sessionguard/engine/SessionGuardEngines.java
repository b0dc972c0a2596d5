package io.github.sessionguard.engine;

import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import edu.umd.cs.findbugs.classfile.IAnalysisEngineRegistrar;
import edu.umd.cs.findbugs.classfile.IDatabaseFactory;
import io.github.sessionguard.catalogue.ContainerApis;
import io.github.sessionguard.flow.ApplicationClasses;
import io.github.sessionguard.flow.FieldStrings;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.settings.AppProperties;

import java.util.function.Supplier;

/**
 * Registers SessionGuard's per-analysis objects with SpotBugs' analysis cache ({@code EngineRegistrar}
 * in findbugs.xml). SpotBugs makes one cache per analysis and calls this for each, so two analyses
 * in one JVM (an IDE, a build daemon, a test suite) each get their own settings and counters, and
 * nothing is kept in static fields.
 */
public final class SessionGuardEngines implements IAnalysisEngineRegistrar {
    @Override
    public void registerAnalysisEngines(IAnalysisCache cache) {
        cache.registerDatabaseFactory(AnalysisSettings.class,
                new Factory<>(AnalysisSettings.class, () -> AnalysisSettings.read(cache.getClassPath())));
        cache.registerDatabaseFactory(LookupFailures.class, new Factory<>(LookupFailures.class, LookupFailures::new));
        cache.registerDatabaseFactory(ApplicationClasses.class,
                new Factory<>(ApplicationClasses.class, () -> new ApplicationClasses(cache.getClassPath(), ContainerApis.PACKAGES)));
        cache.registerDatabaseFactory(AppProperties.class,
                new Factory<>(AppProperties.class, () -> new AppProperties(cache.getClassPath())));
        cache.registerDatabaseFactory(FieldStrings.class,
                new Factory<>(FieldStrings.class, () -> new FieldStrings(cache.getClassPath())));
        cache.registerDatabaseFactory(AnalysisStats.class, new Factory<>(AnalysisStats.class,
                () -> new AnalysisStats(System.getProperty(AnalysisStats.PROPERTY))));
    }

    /** Creates the object once, the first time a detector asks this analysis' cache for it. */
    private static final class Factory<T> implements IDatabaseFactory<T> {
        private final Class<T> type;
        private final Supplier<T> create;

        Factory(Class<T> type, Supplier<T> create) {
            this.type = type;
            this.create = create;
        }

        @Override
        public T createDatabase() {
            return create.get();
        }

        @Override
        public void registerWith(IAnalysisCache analysisCache) {
            analysisCache.registerDatabaseFactory(type, this);
        }
    }
}
