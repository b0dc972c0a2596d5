package io.github.sessionguard.settings;

import io.github.sessionguard.catalogue.BootSessionKeys;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code application*.yml} with SnakeYAML's composer (node trees with line marks, no object
 * construction, so no type tags are ever instantiated): every {@code ---} document, nested keys
 * flattened to dotted property names, list items as {@code key[i]}, each document's profile taken from
 * its {@code spring.config.activate.on-profile} (or legacy {@code spring.profiles}).
 */
final class YamlReader {
    /** Bounds nesting so a hostile file cannot exhaust the stack. */
    private static final int MAX_DEPTH = 40;

    private YamlReader() {
    }

    static List<BootProperty> read(SettingsResource resource, String fileProfile) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        Yaml yaml = new Yaml(options);
        List<BootProperty> all = new ArrayList<>();
        for (Node document : yaml.composeAll(new StringReader(resource.text()))) {
            if (document == null) {
                continue;
            }
            List<BootProperty> properties = new ArrayList<>();
            flatten(document, "", resource, properties, 0);
            String profile = fileProfile;
            for (BootProperty property : properties) {
                if (BootSessionKeys.isProfileActivation(property.key())) {
                    profile = BootSessionKeys.combineProfiles(fileProfile, property.value());
                }
            }
            for (BootProperty property : properties) {
                all.add(new BootProperty(property.key(), property.value(), resource, property.line(), profile));
            }
        }
        return all;
    }

    private static void flatten(Node node, String prefix, SettingsResource resource, List<BootProperty> out,
            int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                    continue;
                }
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                Node value = tuple.getValueNode();
                if (value instanceof ScalarNode) {
                    out.add(new BootProperty(path, ((ScalarNode) value).getValue(), resource, keyLine, null));
                } else {
                    flatten(value, path, resource, out, depth + 1);
                }
            }
        } else if (node instanceof SequenceNode) {
            List<Node> items = ((SequenceNode) node).getValue();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String path = prefix + "[" + i + "]";
                if (item instanceof ScalarNode) {
                    out.add(new BootProperty(path, ((ScalarNode) item).getValue(), resource,
                            item.getStartMark().getLine() + 1, null));
                } else {
                    flatten(item, path, resource, out, depth + 1);
                }
            }
        } else if (node instanceof ScalarNode && !prefix.isEmpty()) {
            out.add(new BootProperty(prefix, ((ScalarNode) node).getValue(), resource, line, null));
        }
    }
}
