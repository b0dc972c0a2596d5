package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.FilterProtectionSwitch;

import java.util.ArrayList;
import java.util.List;

/**
 * Framework login filters a {@code web.xml} maps with the init parameter that switches their own id change on login
 * off (see {@link FilterProtectionSwitch}): reported at that parameter's value as the protection switched off.
 */
final class WebXmlFilterSwitches {
    private WebXmlFilterSwitches() {
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root) {
        List<SettingFinding> findings = new ArrayList<>();
        for (XmlElement filter : WebXmlLoginFilters.mappedFilters(root)) {
            String slashed = filter.child("filter-class").text().replace('.', '/');
            for (FilterProtectionSwitch row : FilterProtectionSwitch.ALL) {
                String value = row.filterClasses().contains(slashed)
                        ? WebXmlLoginFilters.parameterValue(filter.children("init-param"), row.parameter()) : null;
                if (value != null && row.offValue().equalsIgnoreCase(value)) {
                    findings.add(new SettingFinding("SESSION_FIXATION_PROTECTION_DISABLED", Priorities.HIGH_PRIORITY,
                            file, valueLine(file, filter, row.parameter()), row.what(), row.fix()));
                }
            }
        }
        return findings;
    }

    /** The line of the parameter's value: the first {@code <param-value>} after its name, within the filter. */
    private static int valueLine(SettingsResource file, XmlElement filter, String parameter) {
        for (XmlElement init : filter.children("init-param")) {
            XmlElement key = init.child("param-name");
            XmlElement value = init.child("param-value");
            if (key != null && value != null && key.text().equals(parameter)) {
                return value.line;
            }
        }
        return filter.line;
    }
}
