package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.RequestMappingCatalogue;
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
    private final Map<String, Set<String>> servletNames = new TreeMap<>();
    /** Spring handlers: class to the patterns of every request under it; method (name and signature) to its own. */
    private final Map<String, Set<String>> controllerPatterns = new TreeMap<>();
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
                // The specification's default name is the class's fully qualified name.
                servletNames.computeIfAbsent(slashed, k -> new TreeSet<>())
                        .addAll(name.isEmpty() ? List.of(javaClass.getClassName()) : name);
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
        Set<String> every = controllerPatterns.computeIfAbsent(slashed, k -> new TreeSet<>());
        for (String prefix : prefixes) {
            String base = UrlPatterns.fromSpring(prefix.isEmpty() ? "/" : prefix);
            every.add(base.endsWith("/*") ? base : base.equals("/") ? "/*" : base + "/*");
        }
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
        merge(servletNames, webXml.servletNames());
    }

    /**
     * True when the filter runs for every request that may reach the code at {@code site}: the filter is mapped to
     * every request, or nothing maps it; or the site's servlet or controller method is mapped only inside the
     * filter's patterns (or is a servlet the filter names). Code no request is mapped to (a helper) is reached only
     * when every handler the application maps is.
     */
    boolean reaches(String filter, MethodDescriptor site) {
        Set<String> patterns = filterPatterns.getOrDefault(filter, Set.of());
        Set<String> names = filterServletNames.getOrDefault(filter, Set.of());
        if (patterns.isEmpty() && names.isEmpty() || patterns.contains(RequestMappingCatalogue.EVERY_REQUEST)) {
            return true;
        }
        String handler = handlerClass(site.getSlashedClassName());
        if (handler != null) {
            Set<String> own = handlerMethodPatterns.get(handler + "." + site.getName() + site.getSignature());
            return reachesHandler(patterns, names, handler, own);
        }
        if (servletPatterns.isEmpty() && controllerPatterns.isEmpty()) {
            return false;
        }
        for (String servlet : servletPatterns.keySet()) {
            if (!reachesHandler(patterns, names, servlet, null)) {
                return false;
            }
        }
        for (String controller : controllerPatterns.keySet()) {
            if (!reachesHandler(patterns, names, controller, null)) {
                for (Map.Entry<String, Set<String>> method : handlerMethodPatterns.entrySet()) {
                    if (method.getKey().startsWith(controller + ".") && !coveredBy(patterns, method.getValue())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean reachesHandler(Set<String> patterns, Set<String> names, String handler, Set<String> own) {
        for (String name : servletNames.getOrDefault(handler, Set.of())) {
            if (names.contains(name)) {
                return true;
            }
        }
        Set<String> requests = own != null ? own : servletPatterns.containsKey(handler) ? servletPatterns.get(handler)
                : controllerPatterns.get(handler);
        return requests != null && !requests.isEmpty() && coveredBy(patterns, requests);
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

    /** The servlet or controller the class is, or is nested in; null for any other class. */
    private String handlerClass(String slashed) {
        String name = slashed;
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            if (servletPatterns.containsKey(name) || servletNames.containsKey(name) || controllerPatterns.containsKey(name)) {
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
