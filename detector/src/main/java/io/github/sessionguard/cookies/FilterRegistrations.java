package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.sessionguard.catalogue.RequestMappingCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spring Boot filter registrations made in one method ({@link RequestMappingCatalogue#FILTER_REGISTRATIONS}): the
 * application filter each registers and the URL patterns or servlet names it is mapped to, read from constant texts
 * (varargs arrays, {@code List.of(...)}, {@code Arrays.asList(...)}). A registration given no mapping runs for every
 * request (Boot's default), and so is one given texts this method does not know: neither is recorded.
 */
final class FilterRegistrations {
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    /** Registration to the filter class it registers. */
    private final Map<ValueNumber, String> filters = new HashMap<>();
    private final Map<ValueNumber, Set<String>> patterns = new HashMap<>();
    private final Map<ValueNumber, Set<String>> servletNames = new HashMap<>();
    /** Registrations given a mapping whose texts are not known here. */
    private final Set<ValueNumber> unknownMappings = new HashSet<>();
    /** Arrays and collections of constant texts; an element not known makes the whole unknown (absent). */
    private final Map<ValueNumber, List<String>> texts = new HashMap<>();
    private final Set<ValueNumber> unknownTexts = new HashSet<>();

    FilterRegistrations(ValueNumberDataflow vna, ConstantDataflow constants) {
        this.vna = vna;
        this.constants = constants;
    }

    /** An {@code aastore}: a constant text stored into an array is one of its texts. */
    void arrayStore(Location location) throws DataflowAnalysisException {
        ValueNumberFrame values = vna.getFactAtLocation(location);
        ConstantFrame known = constants.getFactAtLocation(location);
        if (!values.isValid() || !known.isValid() || values.getStackDepth() < 3) {
            return;
        }
        ValueNumber array = values.getStackValue(2);
        Constant element = known.getStackValue(0);
        if (element.isConstantString()) {
            texts.computeIfAbsent(array, k -> new ArrayList<>()).add(element.getConstantString());
        } else {
            unknownTexts.add(array);
        }
    }

    /** A call: a registration made or given its filter or mapping, or a collection of texts built. */
    void call(CallAt call, Map<ValueNumber, String> created, ValueNumber result) throws DataflowAnalysisException {
        if (RequestMappingCatalogue.COLLECTION_FACTORIES.contains(call.owner() + "." + call.name()) && result != null) {
            collection(call, result);
            return;
        }
        if (!call.hasReceiver() || !TypeChecks.isSubtypeOfAny(call.owner(), RequestMappingCatalogue.FILTER_REGISTRATIONS)) {
            return;
        }
        String name = call.name();
        if (("<init>".equals(name) || RequestMappingCatalogue.REGISTRATION_SET_FILTER.equals(name))
                && call.argumentCount() >= 1) {
            String filter = created.get(call.argument(0));
            if (filter != null && QuietClasspath.isApplicationClass(filter)) {
                filters.put(call.receiver(), filter);
            }
        } else if (call.argumentCount() == 1 && RequestMappingCatalogue.REGISTRATION_URL_PATTERNS.contains(name)) {
            mapping(call, patterns);
        } else if (call.argumentCount() == 1 && RequestMappingCatalogue.REGISTRATION_SERVLET_NAMES.contains(name)) {
            mapping(call, servletNames);
        }
    }

    private void collection(CallAt call, ValueNumber result) throws DataflowAnalysisException {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < call.argumentCount(); i++) {
            String text = call.stringArgument(i);
            ValueNumber argument = call.argument(i);
            if (text != null) {
                elements.add(text);
            } else if (texts.containsKey(argument) && !unknownTexts.contains(argument)) {
                elements.addAll(texts.get(argument));
            } else {
                unknownTexts.add(result);
                return;
            }
        }
        texts.put(result, elements);
    }

    private void mapping(CallAt call, Map<ValueNumber, Set<String>> into) throws DataflowAnalysisException {
        ValueNumber registration = call.receiver();
        ValueNumber argument = call.argument(0);
        List<String> given = unknownTexts.contains(argument) ? null : texts.get(argument);
        if (given == null) {
            unknownMappings.add(registration);
        } else {
            into.computeIfAbsent(registration, k -> new TreeSet<>()).addAll(given);
        }
    }

    /** Records each registration whose whole mapping is known and narrower than every request. */
    void recordInto(RequestPaths paths) {
        filters.forEach((registration, filter) -> {
            Set<String> urls = patterns.getOrDefault(registration, Set.of());
            Set<String> names = servletNames.getOrDefault(registration, Set.of());
            if (!unknownMappings.contains(registration) && !(urls.isEmpty() && names.isEmpty())) {
                paths.filterMapped(filter, urls, names);
            }
        });
    }
}
