package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.RequestMappingCatalogue;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.settings.WebXmlMappings;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which requests reach the application's filters and handlers ({@link RequestMappingCatalogue}), from their
 * annotations and {@code web.xml}: so a response wrapper is credited only for the cookies written while its filter
 * runs. A filter nothing maps (a Spring bean, one registered in code) is taken to run for every request; so is one
 * mapped to {@code /*}. Collected by the first pass, read by the second.
 */
final class RequestPaths {
    /** How far a nested class's name is cut back to an outer handler class. */
    private static final int MAX_NESTING = 8;

    private final Map<String, Set<String>> filterPatterns = new TreeMap<>();
    private final Map<String, Set<String>> filterServletNames = new TreeMap<>();
    private final Map<String, Set<String>> servletPatterns = new TreeMap<>();
    /** Servlet name to its class: web.xml's, and {@code @WebServlet}'s (by default the class's qualified name). */
    private final Map<String, String> servletClasses = new TreeMap<>();
    /** Spring handler methods (class, name and signature) to the requests their own mapping gives them. */
    private final Map<String, Set<String>> handlerMethodPatterns = new TreeMap<>();

    /** Reads a class's mapping annotations (a class that has none adds nothing). */
    void readAnnotations(JavaClass javaClass) {
        String slashed = javaClass.getClassName().replace('.', '/');
        List<String> prefixes = null;
        for (AnnotationEntry annotation : javaClass.getAnnotationEntries()) {
            String type = annotation.getAnnotationType();
            if (RequestMappingCatalogue.WEB_FILTERS.contains(type)) {
                filterPatterns.computeIfAbsent(slashed, k -> new TreeSet<>())
                        .addAll(strings(annotation, RequestMappingCatalogue.SERVLET_PATTERN_ELEMENTS));
                filterServletNames.computeIfAbsent(slashed, k -> new TreeSet<>())
                        .addAll(strings(annotation, List.of(RequestMappingCatalogue.FILTER_SERVLET_NAMES)));
            } else if (RequestMappingCatalogue.WEB_SERVLETS.contains(type)) {
                servletPatterns.computeIfAbsent(slashed, k -> new TreeSet<>())
                        .addAll(strings(annotation, RequestMappingCatalogue.SERVLET_PATTERN_ELEMENTS));
                List<String> name = strings(annotation, List.of(RequestMappingCatalogue.SERVLET_NAME));
                servletClasses.put(name.isEmpty() ? javaClass.getClassName() : name.get(0), slashed);
            } else if (RequestMappingCatalogue.SPRING_REQUEST_MAPPING.equals(type)) {
                prefixes = strings(annotation, RequestMappingCatalogue.SPRING_PATH_ELEMENTS);
            } else if (RequestMappingCatalogue.SPRING_CONTROLLERS.contains(type) && prefixes == null) {
                prefixes = List.of();
            }
        }
        if (prefixes != null) {
            readController(javaClass, slashed, prefixes.isEmpty() ? List.of("") : prefixes);
        }
    }

    private void readController(JavaClass javaClass, String slashed, List<String> prefixes) {
        for (Method method : javaClass.getMethods()) {
            for (AnnotationEntry annotation : method.getAnnotationEntries()) {
                if (!RequestMappingCatalogue.SPRING_MAPPINGS.contains(annotation.getAnnotationType())) {
                    continue;
                }
                List<String> paths = strings(annotation, RequestMappingCatalogue.SPRING_PATH_ELEMENTS);
                Set<String> patterns = handlerMethodPatterns.computeIfAbsent(
                        slashed + "." + method.getName() + method.getSignature(), k -> new TreeSet<>());
                for (String prefix : prefixes) {
                    for (String path : paths.isEmpty() ? List.of("") : paths) {
                        patterns.add(UrlPatterns.fromSpring(UrlPatterns.join(prefix, path)));
                    }
                }
            }
        }
    }

    /** A mapping made in code (a Spring Boot filter registration). */
    void filterMapped(String filter, Set<String> urlPatterns, Set<String> servletNamesMapped) {
        filterPatterns.computeIfAbsent(filter, k -> new TreeSet<>()).addAll(urlPatterns);
        filterServletNames.computeIfAbsent(filter, k -> new TreeSet<>()).addAll(servletNamesMapped);
    }

    /** Adds web.xml's mappings (they add to the annotations', as the container merges them). */
    void add(WebXmlMappings webXml) {
        merge(filterPatterns, webXml.filterPatterns());
        merge(filterServletNames, webXml.filterServletNames());
        merge(servletPatterns, webXml.servletPatterns());
        servletClasses.putAll(webXml.servletClasses());
    }

    /**
     * True unless the code at {@code site} is known to run for requests the filter is not mapped to. The filter is
     * taken to run for every request when it is mapped to {@code /*}, to nothing this analysis reads, or to a servlet
     * name that is not one of the application's servlets (a framework's dispatcher, {@code *}). Otherwise the site's
     * requests must be known (a servlet's, or a controller method's own mapping) and lie outside the filter's patterns,
     * in a servlet it does not name. A helper, or a controller method mapped only through an interface, may serve any
     * request: it stays covered.
     */
    boolean reaches(String filter, MethodDescriptor site) {
        Set<String> patterns = filterPatterns.getOrDefault(filter, Set.of());
        Set<String> names = filterServletNames.getOrDefault(filter, Set.of());
        if (patterns.isEmpty() && names.isEmpty() || patterns.contains(RequestMappingCatalogue.EVERY_REQUEST)) {
            return true;
        }
        Set<String> namedServlets = new TreeSet<>();
        for (String name : names) {
            String servlet = servletClasses.get(name);
            if (servlet == null || TypeChecks.isKnownSubtype(servlet, RequestMappingCatalogue.SPRING_DISPATCHER)) {
                return true;
            }
            namedServlets.add(servlet);
        }
        String servlet = servletOf(site.getSlashedClassName());
        if (servlet != null && namedServlets.contains(servlet)) {
            return true;
        }
        Set<String> requests = requestsOf(site, servlet);
        return requests == null || coveredBy(patterns, requests);
    }

    /** The requests that run the code at the site (in {@code servlet}, or none), when known; null otherwise. */
    private Set<String> requestsOf(MethodDescriptor site, String servlet) {
        if (servlet != null) {
            Set<String> requests = servletPatterns.get(servlet);
            return requests.isEmpty() ? null : requests;
        }
        if (!dispatcherAtRoot()) {
            // Controller paths are relative to the dispatcher's mapping: with it under a prefix, not known here.
            return null;
        }
        return handlerMethodPatterns.get(site.getSlashedClassName() + "." + site.getName() + site.getSignature());
    }

    /** Spring's dispatcher serves the context root unless web.xml maps it under a path. */
    private boolean dispatcherAtRoot() {
        for (String pattern : servletPatterns.getOrDefault(RequestMappingCatalogue.SPRING_DISPATCHER, Set.of())) {
            if (!pattern.equals("/") && !pattern.equals(RequestMappingCatalogue.EVERY_REQUEST)) {
                return false;
            }
        }
        return true;
    }

    /** The servlet the class is, or is nested in; null for any other class. */
    private String servletOf(String slashed) {
        String name = slashed;
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            if (servletPatterns.containsKey(name)) {
                return name;
            }
            int nested = name.lastIndexOf('$');
            if (nested < 0) {
                return null;
            }
            name = name.substring(0, nested);
        }
        return null;
    }

    private static boolean coveredBy(Set<String> filterPatterns, Set<String> requests) {
        for (String request : requests) {
            boolean covered = false;
            for (String pattern : filterPatterns) {
                covered |= UrlPatterns.covers(pattern, request);
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static void merge(Map<String, Set<String>> into, Map<String, Set<String>> from) {
        from.forEach((key, values) -> into.computeIfAbsent(key, k -> new TreeSet<>()).addAll(values));
    }

    private static List<String> strings(AnnotationEntry annotation, List<String> elements) {
        List<String> values = new ArrayList<>();
        for (ElementValuePair pair : annotation.getElementValuePairs()) {
            if (!elements.contains(pair.getNameString())) {
                continue;
            }
            ElementValue value = pair.getValue();
            if (value instanceof ArrayElementValue) {
                for (ElementValue element : ((ArrayElementValue) value).getElementValuesArray()) {
                    values.add(element.stringifyValue());
                }
            } else {
                values.add(value.stringifyValue());
            }
        }
        return values;
    }
}
