package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * Which requests reach a filter or a handler, as data: the servlet annotations and Spring's request mapping
 * annotations (their elements holding URL patterns), and the servlet URL pattern that matches every request. A
 * response wrapper a filter installs hardens only the cookies written while that filter runs: the container runs a
 * filter for the requests its patterns (or servlet names) match, and Spring's dispatcher serves its controllers
 * under their mappings (relative to the dispatcher's own mapping, {@code /} unless web.xml says otherwise).
 */
public final class RequestMappingCatalogue {
    /** {@code @WebFilter}: patterns in {@code value} or {@code urlPatterns}, servlets in {@code servletNames}. */
    public static final List<String> WEB_FILTERS = List.of("Ljavax/servlet/annotation/WebFilter;",
            "Ljakarta/servlet/annotation/WebFilter;");
    /** {@code @WebServlet}: patterns in {@code value} or {@code urlPatterns}, its name in {@code name}. */
    public static final List<String> WEB_SERVLETS = List.of("Ljavax/servlet/annotation/WebServlet;",
            "Ljakarta/servlet/annotation/WebServlet;");
    public static final List<String> SERVLET_PATTERN_ELEMENTS = List.of("value", "urlPatterns");
    public static final String FILTER_SERVLET_NAMES = "servletNames";
    public static final String SERVLET_NAME = "name";

    /** Spring MVC's dispatcher: its controllers' paths are relative to where web.xml maps it. */
    public static final String SPRING_DISPATCHER = "org/springframework/web/servlet/DispatcherServlet";

    /** Spring MVC controllers: their mapped methods are handlers. */
    public static final List<String> SPRING_CONTROLLERS = List.of("Lorg/springframework/stereotype/Controller;",
            "Lorg/springframework/web/bind/annotation/RestController;");
    /** The mapping annotations; on a class only {@code @RequestMapping}, a prefix of its methods' paths. */
    public static final String SPRING_REQUEST_MAPPING = "Lorg/springframework/web/bind/annotation/RequestMapping;";
    public static final List<String> SPRING_MAPPINGS = List.of(SPRING_REQUEST_MAPPING,
            "Lorg/springframework/web/bind/annotation/GetMapping;",
            "Lorg/springframework/web/bind/annotation/PostMapping;",
            "Lorg/springframework/web/bind/annotation/PutMapping;",
            "Lorg/springframework/web/bind/annotation/DeleteMapping;",
            "Lorg/springframework/web/bind/annotation/PatchMapping;");
    public static final List<String> SPRING_PATH_ELEMENTS = List.of("value", "path");

    /**
     * Spring Boot's filter registration ({@code new FilterRegistrationBean<>(filter)} or {@code setFilter(filter)}),
     * which maps its filter to the patterns or servlet names it is given; with none, Boot maps it to every request.
     */
    public static final List<String> FILTER_REGISTRATIONS = List.of(
            "org/springframework/boot/web/servlet/FilterRegistrationBean",
            "org/springframework/boot/web/servlet/AbstractFilterRegistrationBean");
    public static final String REGISTRATION_SET_FILTER = "setFilter";
    /** {@code addUrlPatterns(String...)} and {@code setUrlPatterns(Collection)}. */
    public static final List<String> REGISTRATION_URL_PATTERNS = List.of("addUrlPatterns", "setUrlPatterns");
    /** {@code addServletNames(String...)} and {@code setServletNames(Collection)}. */
    public static final List<String> REGISTRATION_SERVLET_NAMES = List.of("addServletNames", "setServletNames");
    /** JDK factories whose arguments are a collection's elements: {@code List.of("/a/*", "/b/*")}. */
    public static final List<String> COLLECTION_FACTORIES = List.of("java/util/List.of", "java/util/Set.of",
            "java/util/Arrays.asList", "java/util/Collections.singletonList", "java/util/Collections.singleton");

    /** The servlet URL pattern every request matches. */
    public static final String EVERY_REQUEST = "/*";

    private RequestMappingCatalogue() {
    }
}
